using System.ComponentModel.DataAnnotations;
using StackGen.Settings;
using StackGen.Stacks.Web;

namespace StackGen.Bench.SyntheticOrg;

/// <summary>The settings of one synthetic service: an API Deployment (autoscaled) and a replicated store.</summary>
public sealed record SyntheticSettings
{
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/org/service:1.0.0");

    /// <summary>API pods, unless autoscaling is enabled.</summary>
    [Range(1, 100)]
    public int Replicas { get; init; } = 2;

    public string LogLevel { get; init; } = "info";

    /// <summary>Feature flags, one [feature.NAME] section each in app.ini.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public Duration RequestTimeout { get; init; } = Duration.Parse("30s");

    public ComputeResources? Resources { get; init; }

    public AutoscalingSettings Autoscaling { get; init; } = new() { Enabled = true };

    public StoreSettings Store { get; init; } = new();
}

/// <summary>A small replicated key-value store next to each service (a StatefulSet behind a headless Service).</summary>
public sealed record StoreSettings
{
    [Range(1, 9)]
    public int Replicas { get; init; } = 3;

    public ImageRef Image { get; init; } = ImageRef.Parse("valkey/valkey:8.1.1");

    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("5Gi") };

    public ComputeResources? Resources { get; init; }
}
