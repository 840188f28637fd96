using StackGen.Layering;

namespace StackGen.Validation.Rules;

/// <summary>SG2003: containers set CPU and memory requests and limits (required in production).</summary>
public sealed class ResourcesSet : Rule
{
    private static readonly string[] Compute = ["cpu", "memory"];

    public override string Id => "SG2003";

    public override string Title => "Containers set CPU and memory requests and limits";

    public override string Explanation =>
        "Without requests the scheduler packs pods onto nodes blind, and under pressure the kubelet evicts the pods with " +
        "no requests first; without limits one runaway container can starve its neighbours. The write-up set resources " +
        "only when environment == production, in template text, and nothing checked it. Here resources are typed " +
        "settings, and this rule makes them mandatory in production (a warning in staging, off in development).";

    public override string Fix => "Set resources.requests.cpu/memory and resources.limits.cpu/memory for the stack in the environment or team layer.";

    public override Severity SeverityFor(Tier tier) => tier switch
    {
        Tier.Production => Severity.Error,
        Tier.Staging => Severity.Warning,
        _ => Severity.Off,
    };

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                var missing = new List<string>();
                foreach (var (kind, amounts) in new[] { ("requests", container.Resources?.Requests), ("limits", container.Resources?.Limits) })
                {
                    missing.AddRange(Compute.Where(r => amounts?.ContainsKey(r) != true).Select(r => $"{kind}.{r}"));
                }

                if (missing.Count > 0)
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name} sets no {string.Join(", ", missing)}", "resources");
                }
            }
        }
    }
}
