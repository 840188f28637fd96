using System.ComponentModel.DataAnnotations;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>When enabled, an autoscaler owns the fixture worker's replica count.</summary>
public sealed record WorkerAutoscaling
{
    public bool Enabled { get; init; }

    [Range(1, 100)]
    public int MinReplicas { get; init; } = 2;

    [Range(1, 100)]
    public int MaxReplicas { get; init; } = 10;
}
