using k8s.Models;

namespace StackGen.Building;

/// <summary>Pod anti-affinity that keeps replicas of a quorum system off the same node.</summary>
public static class Spread
{
    public const string HostnameTopologyKey = "kubernetes.io/hostname";

    /// <summary>Prefer one pod per node; the scheduler may still co-locate them when nodes run out.</summary>
    public static V1Affinity AcrossNodes(IDictionary<string, string> selectorLabels, int weight = 100) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = weight,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = HostnameTopologyKey,
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(selectorLabels, StringComparer.Ordinal) },
                    },
                },
            ],
        },
    };
}
