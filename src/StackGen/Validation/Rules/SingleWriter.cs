using k8s.Models;
using StackGen.Building;

namespace StackGen.Validation.Rules;

/// <summary>SG2008: single-writer workloads (a Celery beat) never run two pods.</summary>
public sealed class SingleWriter : Rule
{
    public override string Id => "SG2008";

    public override string Title => "Single-writer workloads cannot run two pods";

    public override string Explanation =>
        "Some processes must never run twice: two Celery beat schedulers send every periodic task twice. Such a workload " +
        "needs exactly one replica and, for a Deployment, the Recreate strategy: a RollingUpdate starts the new pod " +
        "before stopping the old one, so every deploy runs two for a while. Workloads are single-writer when annotated " +
        "stackgen.io/single-writer: \"true\" or when they run `celery beat`.";

    public override string Fix => "Set replicas to 1 and strategy to Recreate (Deployments.Recreate() in the stack).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads.Where(IsSingleWriter))
        {
            if (workload.Replicas != 1)
            {
                yield return new Violation(workload.Rendered, $"is single-writer but runs {workload.Replicas} replicas", "replicas");
            }

            if (workload.Rendered.Resource is V1Deployment deployment && deployment.Spec.Strategy?.Type != "Recreate")
            {
                yield return new Violation(workload.Rendered, "is single-writer but its rolling update runs old and new pods side by side; use strategy Recreate");
            }
        }
    }

    private static bool IsSingleWriter(Workload workload) =>
        workload.Rendered.Resource.Metadata.Annotations?.TryGetValue(Markers.SingleWriter, out var marked) == true && marked == "true"
        || (workload.Pod.Containers ?? []).Any(c =>
        {
            var words = (c.Command ?? []).Concat(c.Args ?? []).SelectMany(a => a.Split(' ')).ToArray();
            return words.Any(w => w.EndsWith("celery", StringComparison.Ordinal)) && words.Contains("beat");
        });
}
