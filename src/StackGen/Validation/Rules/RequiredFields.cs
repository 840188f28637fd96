using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1011: the fields the API server requires on the kinds stacks emit.</summary>
public sealed class RequiredFields : Rule
{
    public override string Id => "SG1011";

    public override string Title => "Required fields are set";

    public override string Explanation =>
        "Stacks build typed k8s.Models objects, so unknown fields cannot be written at all; but the models cannot force " +
        "required fields. The API server rejects a pod template without containers, a container without a name or image, " +
        "a container port without a number, a Service port without a port number, and a StatefulSet or Deployment " +
        "without a selector or template (checked here against the Kubernetes OpenAPI definitions' required lists).";

    public override string Fix => "Set the field in the stack's builder.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            if (workload.Pod?.Containers is not { Count: > 0 })
            {
                yield return new Violation(workload.Rendered, "pod template has no containers");
                continue;
            }

            foreach (var container in workload.AllContainers)
            {
                if (string.IsNullOrEmpty(container.Name))
                {
                    yield return new Violation(workload.Rendered, "a container has no name");
                }

                if (string.IsNullOrEmpty(container.Image))
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name} has no image", "image");
                }

                foreach (var port in (container.Ports ?? []).Where(p => p.ContainerPort <= 0))
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name}: port {port.Name} has no containerPort");
                }
            }
        }

        foreach (var (rendered, service) in context.OfType<V1Service>())
        {
            if (service.Spec?.Type != "ExternalName" && service.Spec?.Ports is not { Count: > 0 } && service.Spec?.ClusterIP != "None")
            {
                yield return new Violation(rendered, "has no ports");
            }

            foreach (var port in (service.Spec?.Ports ?? []).Where(p => p.Port <= 0))
            {
                yield return new Violation(rendered, $"port {port.Name} has no port number");
            }
        }
    }
}
