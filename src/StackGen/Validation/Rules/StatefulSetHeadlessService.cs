using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1007: a StatefulSet's serviceName names a headless Service in the render.</summary>
public sealed class StatefulSetHeadlessService : Rule
{
    public override string Id => "SG1007";

    public override string Title => "A StatefulSet's serviceName is a headless Service in the render";

    public override string Explanation =>
        "StatefulSet pods get stable DNS names (<pod>.<serviceName>.<namespace>.svc) only through a headless Service " +
        "(clusterIP: None) whose name is the StatefulSet's serviceName and which selects its pods. Clustered software " +
        "such as RabbitMQ identifies nodes by those names; without the Service the nodes cannot find each other, and " +
        "with a normal (non-headless) Service the names do not resolve per pod.";

    public override string Fix => "Emit a Service with clusterIP: None and publishNotReadyAddresses: true, named like spec.serviceName.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, statefulSet) in context.OfType<V1StatefulSet>())
        {
            var name = statefulSet.Spec.ServiceName;
            var service = string.IsNullOrEmpty(name) ? null : context.Find("Service", name)?.Resource as V1Service;
            if (string.IsNullOrEmpty(name))
            {
                yield return new Violation(rendered, "has no serviceName, so its pods get no stable DNS names");
            }
            else if (service is null)
            {
                yield return new Violation(rendered, $"serviceName '{name}' is not a Service in the render");
            }
            else if (service.Spec?.ClusterIP != "None")
            {
                yield return new Violation(rendered, $"serviceName '{name}' is not headless (clusterIP: None)");
            }
            else if (!LintContext.Selects(service.Spec.Selector, statefulSet.Spec.Template.Metadata?.Labels))
            {
                yield return new Violation(rendered, $"Service '{name}' does not select this StatefulSet's pods");
            }
        }
    }
}
