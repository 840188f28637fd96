using k8s.Models;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>PodDisruptionBudgets: how many pods voluntary disruptions (drains, upgrades) may take at once.</summary>
public static class Disruption
{
    /// <summary>At most <paramref name="maxUnavailable"/> of the component's pods down at a time.</summary>
    public static V1PodDisruptionBudget Budget(StackContext context, string name, string component, int maxUnavailable = 1) => new()
    {
        Metadata = context.Metadata(name, component),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = maxUnavailable,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(component) },
        },
    };
}
