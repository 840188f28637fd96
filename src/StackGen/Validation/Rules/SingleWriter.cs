using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG2008: single-writer workloads (the <see cref="Facts.SingleWriter"/> fact) never run two pods.</summary>
public sealed class SingleWriter : Rule
{
    public override string Id => "SG2008";

    public override string Title => "Single-writer workloads cannot run two pods";

    public override string Explanation =>
        "Some processes must never run twice: two Celery beat schedulers send every periodic task twice. Such a workload " +
        "needs exactly one replica and, for a Deployment, the Recreate strategy: a RollingUpdate starts the new pod " +
        "before stopping the old one, so every deploy runs two for a while. Workloads are single-writer when their stack " +
        "marks them so (Markers.AsSingleWriter, which annotates them stackgen.io/single-writer: \"true\").";

    public override string Fix => "Set replicas to 1 and strategy to Recreate (Deployments.Recreate() in the stack).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, fact) in context.Facts<Facts.SingleWriter>())
        {
            if (Workload.Of(rendered) is not { } workload)
            {
                continue;
            }

            if (workload.Replicas != 1)
            {
                yield return new Violation(rendered, $"is single-writer but runs {workload.Replicas} replicas", fact.ReplicasSetting);
            }

            if (rendered.Resource is V1Deployment deployment && deployment.Spec.Strategy?.Type != "Recreate")
            {
                yield return new Violation(rendered, "is single-writer but its rolling update runs old and new pods side by side; use strategy Recreate");
            }
        }
    }
}
