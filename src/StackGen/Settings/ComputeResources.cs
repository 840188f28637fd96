namespace StackGen.Settings;

/// <summary>CPU and memory requests and limits, shaped like a container's resources block.</summary>
public sealed record ComputeResources
{
    public ResourceAmounts Requests { get; init; } = new();

    public ResourceAmounts Limits { get; init; } = new();

    /// <summary>True when both CPU and memory have a limit.</summary>
    public bool IsBounded => Limits.Cpu is not null && Limits.Memory is not null;
}
