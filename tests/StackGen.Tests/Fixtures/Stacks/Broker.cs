using k8s;
using k8s.Models;
using StackGen.Binding;
using StackGen.Building;
using StackGen.Stacks;
using StackGen.Stacks.RabbitMq;
using StackGen.Validation;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The fixture organisation's StatefulSet: a small RabbitMQ cluster behind a headless Service, its config in a
/// ConfigMap, spread and protected. Engine tests apply, break and roll it back; it changes only with them.
/// </summary>
public sealed class Broker : Stack<BrokerSettings, BrokerOutputs>
{
    private const string Component = "broker";
    private const int AmqpPort = 5672;
    private const int ManagementPort = 15672;

    public override string Name => "broker";

    public override string Owner => "platform";

    public override string Description => "fixture: a RabbitMQ StatefulSet with its config in a ConfigMap";

    /// <summary>The RabbitMQ stack's rules, which read the <see cref="RabbitMqNodes"/> fact this build states too.</summary>
    public override IReadOnlyList<Rule> Rules => RabbitMqNodes.Rules;

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, BrokerSettings settings) =>
    [
        PeersService(context),
        ClientService(context),
        Config(context, settings),
        context.State(Nodes(context, settings), new RabbitMqNodes(
            settings.PartitionHandling switch { PartitionMode.PauseMinority => PartitionHandling.PauseMinority, PartitionMode.Autoheal => PartitionHandling.Autoheal, _ => PartitionHandling.Ignore },
            ReplicasSetting: SettingNames.Path(nameof(BrokerSettings.Replicas)),
            PartitionHandlingSetting: SettingNames.Path(nameof(BrokerSettings.PartitionHandling)))),
        Disruption.Budget(context, context.Name(), Component),
    ];

    protected override BrokerOutputs Outputs(StackContext context, BrokerSettings settings) => new(
        [.. Enumerable.Range(0, settings.Replicas).Select(ordinal => $"{context.Name()}-{ordinal}.{context.ServiceHost(context.Name("peers"))}")],
        AmqpPort,
        settings.Password);

    private static V1Service PeersService(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name("peers"), Component),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = context.SelectorLabels(Component),
            Ports = [new V1ServicePort { Name = "amqp", Port = AmqpPort, TargetPort = "amqp" }],
        },
    };

    private static V1Service ClientService(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(), Component),
        Spec = new V1ServiceSpec
        {
            Selector = context.SelectorLabels(Component),
            Ports =
            [
                new V1ServicePort { Name = "amqp", Port = AmqpPort, TargetPort = "amqp" },
                new V1ServicePort { Name = "management", Port = ManagementPort, TargetPort = "management" },
            ],
        },
    };

    private static V1ConfigMap Config(StackContext context, BrokerSettings settings) => new()
    {
        Metadata = context.Metadata(context.Name("config"), Component),
        Data = new Dictionary<string, string>
        {
            ["rabbitmq.conf"] = $"""
                cluster_partition_handling = {settings.PartitionHandling switch { PartitionMode.PauseMinority => "pause_minority", PartitionMode.Autoheal => "autoheal", _ => "ignore" }}
                default_queue_type = quorum
                quorum_queue.continuous_membership_reconciliation.target_group_size = {settings.Replicas}

                """,
        },
    };

    private static V1StatefulSet Nodes(StackContext context, BrokerSettings settings) => StatefulSets.Create(
        context,
        context.Name(),
        Component,
        settings.Replicas,
        serviceName: context.Name("peers"),
        StatefulSets.Parallel,
        Pods.Spec(Node(settings), settings.RunAs) with
        {
            Affinity = Spread.AcrossNodes(context.SelectorLabels(Component)),
            Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = context.Name("config") } }],
        },
        StatefulSets.Claim(context, "data", Component, settings.Storage));

    private static V1Container Node(BrokerSettings settings) => new()
    {
        Name = "broker",
        Image = settings.Image.ToString(),
        Ports =
        [
            new V1ContainerPort { Name = "amqp", ContainerPort = AmqpPort },
            new V1ContainerPort { Name = "management", ContainerPort = ManagementPort },
        ],
        Env = [Env.FromSecret("RABBITMQ_DEFAULT_PASS", settings.Password)],
        VolumeMounts =
        [
            new V1VolumeMount { Name = "data", MountPath = "/var/lib/rabbitmq/mnesia" },
            new V1VolumeMount { Name = "config", MountPath = "/etc/rabbitmq/conf.d", ReadOnlyProperty = true },
        ],
        Resources = settings.Resources.ToKubernetes(),
        ReadinessProbe = Probes.Tcp("amqp"),
        LivenessProbe = Probes.Exec(["rabbitmq-diagnostics", "-q", "ping"]),
    };
}
