using StackGen.Settings;

namespace StackGen.Tests.Fixtures.Stacks;

public sealed record BackupSettings
{
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/fixture/backup:1.0.0");

    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("20Gi") };

    public ComputeResources? Resources { get; init; }

    public RunAsSettings RunAs { get; init; } = new();
}
