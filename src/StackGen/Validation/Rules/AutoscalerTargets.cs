using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1010: an HPA scales an object in the render, and that object leaves its replica count to the HPA.</summary>
public sealed class AutoscalerTargets : Rule
{
    public override string Id => "SG1010";

    public override string Title => "HorizontalPodAutoscalers target a workload in the render that leaves replicas to them";

    public override string Explanation =>
        "An HPA whose scaleTargetRef names nothing scales nothing (the API server accepts it). And a target that also sets " +
        "spec.replicas fights the HPA: every apply resets the replica count to the rendered number, scaling the workload " +
        "down in the middle of a traffic peak until the HPA catches up again.";

    public override string Fix => "Point scaleTargetRef at the Deployment/StatefulSet by kind and name, and leave its spec.replicas unset when an HPA owns it.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, autoscaler) in context.OfType<V2HorizontalPodAutoscaler>())
        {
            var target = autoscaler.Spec?.ScaleTargetRef;
            var match = target is null ? null : context.Find(target.Kind, target.Name);
            if (match is null)
            {
                yield return new Violation(rendered, $"scaleTargetRef {target?.Kind}/{target?.Name} is not in the render");
            }
            else if (match.Resource is V1Deployment { Spec.Replicas: not null } or V1StatefulSet { Spec.Replicas: not null })
            {
                yield return new Violation(rendered, $"{match.Id} sets spec.replicas, which every apply would reset under the autoscaler", "replicas");
            }
        }
    }
}
