namespace StackGen.Settings;

/// <summary>A persistent volume: storage class and size.</summary>
public sealed record VolumeSettings
{
    /// <summary>The StorageClass name; the cluster default when left out.</summary>
    public string? StorageClass { get; init; }

    public required Quantity Size { get; init; }
}
