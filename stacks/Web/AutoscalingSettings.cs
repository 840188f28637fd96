using System.ComponentModel.DataAnnotations;

namespace StackGen.Stacks.Web;

/// <summary>A HorizontalPodAutoscaler (autoscaling/v2) on CPU; it then owns the replica count.</summary>
public sealed record AutoscalingSettings
{
    public bool Enabled { get; init; }

    [Range(1, 100)]
    public int MinReplicas { get; init; } = 2;

    [Range(1, 100)]
    public int MaxReplicas { get; init; } = 10;

    /// <summary>Target average CPU use, as a percentage of the pods' CPU request (which must be set).</summary>
    [Range(10, 100)]
    public int CpuUtilization { get; init; } = 70;
}
