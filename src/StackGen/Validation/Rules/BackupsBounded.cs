using StackGen.Facts;
using StackGen.Layering;

namespace StackGen.Validation.Rules;

/// <summary>SG2004: backup workloads (the <see cref="BackupWorkload"/> fact) have CPU and memory limits and run at low CPU and I/O priority.</summary>
public sealed class BackupsBounded : Rule
{
    public override string Id => "SG2004";

    public override string Title => "Backup workloads are bounded and deprioritised";

    public override string Explanation =>
        "An unthrottled daily base backup starved its node of CPU and I/O; the node's health monitor then restarted the " +
        "container runtime, and every pod on the node with it, the PostgreSQL primary included. A backup is never urgent " +
        "enough to compete with the service it protects: it needs CPU and memory limits, and its process should run " +
        "at the lowest CPU priority (nice 19) and the idle I/O class (ionice -c 3), or under a low PriorityClass. " +
        "Backup workloads are the ones their stack states a BackupWorkload fact about.";

    public override string Fix => "Set resources.limits.cpu/memory for the backup stack and start it through `nice -n 19 ionice -c 3`.";

    public override Severity SeverityFor(Tier tier) => tier == Tier.Production ? Severity.Error : Severity.Warning;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, backup) in context.Facts<BackupWorkload>())
        {
            if (Workload.Of(rendered) is not { } workload)
            {
                continue;
            }

            foreach (var container in workload.Pod.Containers ?? [])
            {
                var limits = container.Resources?.Limits;
                if (limits?.ContainsKey("cpu") != true || limits.ContainsKey("memory") != true)
                {
                    yield return new Violation(rendered, $"backup container {container.Name} has no CPU and memory limits: a base backup may starve the node", backup.ResourcesSetting);
                }

                var deprioritised = backup.LowPriority
                    || workload.Pod.PriorityClassName?.Contains("low", StringComparison.OrdinalIgnoreCase) == true;
                if (!deprioritised)
                {
                    yield return new Violation(rendered, $"backup container {container.Name} does not run at low CPU and I/O priority (nice/ionice or a low PriorityClass)");
                }
            }
        }
    }
}
