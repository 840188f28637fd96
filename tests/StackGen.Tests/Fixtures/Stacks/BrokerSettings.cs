using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Tests.Fixtures.Stacks;

public sealed record BrokerSettings
{
    [Range(1, 15)]
    public int Replicas { get; init; } = 3;

    public ImageRef Image { get; init; } = ImageRef.Parse("rabbitmq:4.1.4-management");

    public PartitionMode PartitionHandling { get; init; } = PartitionMode.PauseMinority;

    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("10Gi") };

    public SecretRef Password { get; init; } = new("broker-password", "password");

    public ComputeResources? Resources { get; init; }

    /// <summary>The rabbitmq image's own user and group.</summary>
    public RunAsSettings RunAs { get; init; } = new() { User = 999, Group = 999 };
}
