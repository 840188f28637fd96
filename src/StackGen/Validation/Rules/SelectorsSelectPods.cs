using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1008: every Service and PodDisruptionBudget selector selects pods of a workload in the render.</summary>
public sealed class SelectorsSelectPods : Rule
{
    public override string Id => "SG1008";

    public override string Title => "Services and PodDisruptionBudgets select pods in the render";

    public override string Explanation =>
        "A selector that matches no pod is accepted by the API server and silently does nothing: a Service with no " +
        "endpoints, a PodDisruptionBudget that protects nothing while a node drain takes the whole cluster down. It " +
        "usually means a label was renamed on one side only.";

    public override string Fix => "Build both sides from context.SelectorLabels(component) with the same component.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        bool SelectsAny(IDictionary<string, string>? selector) => context.Selected(selector).Any();

        foreach (var (rendered, service) in context.OfType<V1Service>())
        {
            if (service.Spec?.Selector is { Count: > 0 } selector && !SelectsAny(selector))
            {
                yield return new Violation(rendered, $"selector {Show(selector)} matches no pod template in the render");
            }
        }

        foreach (var (rendered, budget) in context.OfType<V1PodDisruptionBudget>())
        {
            if (budget.Spec?.Selector?.MatchLabels is not { Count: > 0 } selector)
            {
                yield return new Violation(rendered, "has no matchLabels selector");
            }
            else if (!SelectsAny(selector))
            {
                yield return new Violation(rendered, $"selector {Show(selector)} matches no pod template in the render");
            }
        }
    }

    private static string Show(IDictionary<string, string> selector) =>
        "{" + string.Join(", ", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
}
