using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.RabbitMq;

public sealed record RabbitMqSettings
{
    /// <summary>Cluster nodes; an odd number keeps a majority through a partition.</summary>
    [Range(1, 15)]
    public int Replicas { get; init; } = 3;

    public ImageRef Image { get; init; } = ImageRef.Parse("rabbitmq:4.1.4-management");

    public PartitionHandling PartitionHandling { get; init; } = PartitionHandling.PauseMinority;

    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("10Gi") };

    /// <summary>Shared secret the nodes authenticate each other with.</summary>
    public SecretRef ErlangCookie { get; init; } = new("rabbitmq-erlang-cookie", "cookie");

    public DefaultUser DefaultUser { get; init; } = new();

    /// <summary>The virtual host clients use.</summary>
    public string Vhost { get; init; } = "/";

    public ComputeResources? Resources { get; init; }

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
}
