using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG2002: replicated stateful workloads keep replicas on different nodes and have a disruption budget.</summary>
public sealed class ReplicasSpreadAndProtected : Rule
{
    public override string Id => "SG2002";

    public override string Title => "Replicated stateful workloads have pod anti-affinity and a PodDisruptionBudget";

    public override string Explanation =>
        "The replicas of a quorum system (RabbitMQ, etcd, a database cluster) exist to survive losing one of them. If the " +
        "scheduler puts two on the same node, one node failure takes out two members and the quorum with them; and " +
        "without a PodDisruptionBudget a node drain during an upgrade may evict several members at once. Anti-affinity " +
        "on kubernetes.io/hostname (or a topology spread constraint) and a PDB with maxUnavailable: 1 prevent both.";

    public override string Fix => "Use Spread.AcrossNodes(context.SelectorLabels(component)) and Disruption.Budget(...) in the stack.";

    public override Severity SeverityFor(Layering.Tier tier) => tier == Layering.Tier.Development ? Severity.Warning : Severity.Error;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        var protectedWorkloads = context.OfType<V1PodDisruptionBudget>()
            .SelectMany(b => context.Selected(b.Resource.Spec?.Selector?.MatchLabels))
            .Select(w => w.Rendered)
            .ToHashSet();
        foreach (var (rendered, statefulSet) in context.OfType<V1StatefulSet>())
        {
            if ((statefulSet.Spec.Replicas ?? 1) <= 1)
            {
                continue;
            }

            var pod = statefulSet.Spec.Template;
            var spread = pod.Spec.Affinity?.PodAntiAffinity is { } anti
                && ((anti.PreferredDuringSchedulingIgnoredDuringExecution?.Count ?? 0) + (anti.RequiredDuringSchedulingIgnoredDuringExecution?.Count ?? 0)) > 0;
            spread |= pod.Spec.TopologySpreadConstraints is { Count: > 0 };
            if (!spread)
            {
                yield return new Violation(rendered, $"runs {statefulSet.Spec.Replicas} replicas with no pod anti-affinity or topology spread, so several may share a node");
            }

            if (!protectedWorkloads.Contains(rendered))
            {
                yield return new Violation(rendered, $"runs {statefulSet.Spec.Replicas} replicas with no PodDisruptionBudget, so a drain may evict several at once");
            }
        }
    }
}
