using StackGen.Layering;

namespace StackGen.Validation.Rules;

/// <summary>SG2006: long-running containers have readiness and liveness probes.</summary>
public sealed class ProbesPresent : Rule
{
    public override string Id => "SG2006";

    public override string Title => "Long-running containers have readiness and liveness probes";

    public override string Explanation =>
        "Without a readiness probe a pod receives traffic (and counts as available for rolling updates and disruption " +
        "budgets) the moment its process starts, before it can serve. Without a liveness probe a hung process is never " +
        "restarted. Both belong on the main containers of Deployments, StatefulSets and DaemonSets; Jobs and init " +
        "containers run to completion and need neither.";

    public override string Fix => "Add Probes.Http/Tcp/Exec readiness and liveness probes to the container in the stack.";

    public override Severity SeverityFor(Tier tier) => tier == Tier.Production ? Severity.Error : Severity.Warning;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads.Where(w => w.IsLongRunning))
        {
            foreach (var container in workload.Pod.Containers ?? [])
            {
                var missing = new[] { ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe) }.Where(p => p.Item2 is null).Select(p => p.Item1).ToArray();
                if (missing.Length > 0)
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name} has no {string.Join(" or ", missing)} probe");
                }
            }
        }
    }
}
