using StackGen.Workloads;

namespace StackGen.Validation.Rules;

/// <summary>SG1003: a workload's selector matches its own pod template.</summary>
public sealed class SelectorMatchesTemplate : Rule
{
    public override string Id => "SG1003";

    public override string Title => "A workload's selector matches its pod template's labels";

    public override string Explanation =>
        "Deployments, StatefulSets, DaemonSets and ReplicaSets find their pods by spec.selector. The API server rejects a selector that " +
        "does not match the pod template's labels, and an empty selector is not allowed for apps/v1. The selector is " +
        "immutable after creation, so it should hold only stable labels (name, instance, component), never a version.";

    public override string Fix => "Use context.SelectorLabels(component) for both the selector and (via context.Labels) the template.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            var selector = PodTemplates.SelectorOf(workload.Rendered.Resource);
            if (!workload.IsLongRunning)
            {
                continue;
            }

            if (selector?.MatchLabels is not { Count: > 0 } && selector?.MatchExpressions is not { Count: > 0 })
            {
                yield return new Violation(workload.Rendered, "has no selector");
            }
            else if (selector.MatchLabels is { Count: > 0 } && !LintContext.Selects(selector.MatchLabels, workload.Template.Metadata?.Labels))
            {
                var missing = selector.MatchLabels.Where(p => workload.Template.Metadata?.Labels?.TryGetValue(p.Key, out var v) != true || v != p.Value);
                yield return new Violation(workload.Rendered, $"selector does not match the pod template: {string.Join(", ", missing.Select(p => $"{p.Key}={p.Value}"))} missing from its labels");
            }
        }
    }
}
