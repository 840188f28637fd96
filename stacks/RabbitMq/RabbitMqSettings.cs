using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.RabbitMq;

public sealed record RabbitMqSettings
{
    /// <summary>Cluster nodes; an odd number keeps a majority through a partition.</summary>
    [Range(1, 15)]
    public int Replicas { get; init; } = 3;

    /// <summary>RabbitMQ 4.1 or later: the manifests rely on its peer discovery, which needs no Kubernetes API access.</summary>
    [MinimumVersion("RabbitMQ", "4.1", "the nodes find each other by their StatefulSet names with peer discovery v2; 3.x's k8s plugin calls the Kubernetes API with a token these pods do not mount, and boot fails")]
    public ImageRef Image { get; init; } = ImageRef.Parse("rabbitmq:4.1.4-management");

    /// <summary>
    /// How long a stopping node may take (terminationGracePeriodSeconds): its preStop hook waits for quorum queues to
    /// have enough other members, then hands its leaders over; RabbitMQ keeps time after that to stop cleanly.
    /// </summary>
    [Range(180, 3600)]
    public int TerminationGracePeriodSeconds { get; init; } = 600;

    public PartitionHandling PartitionHandling { get; init; } = PartitionHandling.PauseMinority;

    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("10Gi") };

    /// <summary>Shared secret the nodes authenticate each other with.</summary>
    public SecretRef ErlangCookie { get; init; } = new("rabbitmq-erlang-cookie", "cookie");

    public DefaultUser DefaultUser { get; init; } = new();

    /// <summary>The virtual host clients use.</summary>
    public string Vhost { get; init; } = "/";

    public ComputeResources? Resources { get; init; }

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    public MonitoringSettings Monitoring { get; init; } = new();
}
