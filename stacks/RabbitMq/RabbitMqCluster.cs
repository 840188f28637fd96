using k8s;
using k8s.Models;
using StackGen.Binding;
using StackGen.Building;
using StackGen.CustomResources.Monitoring.V1;
using StackGen.Settings;
using StackGen.Validation;

namespace StackGen.Stacks.RabbitMq;

/// <summary>
/// An HA RabbitMQ cluster: a StatefulSet with stable node names behind a headless Service, quorum queues,
/// pause_minority partition handling, nodes spread across hosts and protected by a disruption budget.
/// </summary>
public sealed class RabbitMqCluster : Stack<RabbitMqSettings, RabbitMqOutputs>
{
    private const string Component = "broker";
    private const int AmqpPort = 5672;
    private const int ManagementPort = 15672;
    private const int PrometheusPort = 15692;
    private const int EpmdPort = 4369;
    private const int ClusteringPort = 25672;
    private const string DataDirectory = "/var/lib/rabbitmq/mnesia";
    private const string HomeDirectory = "/var/lib/rabbitmq";
    private const string ConfigDirectory = "/etc/rabbitmq/conf.d";
    private const string CookieMount = "/tmp/erlang-cookie-secret";

    /// <summary>What a node needs after SIGTERM to stop cleanly (close connections, flush queues to disk); the preStop hook never uses it.</summary>
    public const int StopSeconds = 60;

    /// <summary>The timeout of `rabbitmq-upgrade drain`: moving this node's queue leaders to other nodes.</summary>
    public const int DrainSeconds = 60;

    /// <summary>What each rabbitmq-upgrade call takes beyond its -t timeout: the CLI boots an Erlang VM and connects first.</summary>
    public const int CommandStartSeconds = 10;

    // The user and group of the official image; the data volume is theirs.
    private static readonly RunAsSettings RabbitMqUser = new() { User = 999, Group = 999 };

    private static readonly ConfigTemplate Conf = ConfigTemplate.FromResource(typeof(RabbitMqCluster).Assembly, "RabbitMq/rabbitmq.conf.sbn");

    public override string Name => "rabbitmq";

    public override string Owner => "platform";

    public override string Description => "HA RabbitMQ cluster (StatefulSet, quorum queues, pause_minority)";

    /// <summary>Lint's RabbitMQ rules, which read the <see cref="RabbitMqNodes"/> fact the build states.</summary>
    public override IReadOnlyList<Rule> Rules => RabbitMqNodes.Rules;

    public override IReadOnlyList<Type> CustomKinds => [typeof(ServiceMonitor), typeof(PrometheusRule)];

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, RabbitMqSettings settings)
    {
        yield return PeersService(context);
        yield return ClientService(context);
        yield return ConfigFile(context, settings);
        yield return context.State(Nodes(context, settings), NodesFact(settings));
        yield return Disruption.Budget(context, context.Name(), Component);
        if (settings.Monitoring.Enabled)
        {
            yield return Scraping(context, settings.Monitoring);
            yield return Alerts(context, settings);
        }
    }

    protected override RabbitMqOutputs Outputs(StackContext context, RabbitMqSettings settings) => new(
        NodeHosts: [.. Enumerable.Range(0, settings.Replicas).Select(ordinal => NodeHost(context, ordinal))],
        ServiceHost: context.ServiceHost(context.Name()),
        AmqpPort: AmqpPort,
        Vhost: settings.Vhost,
        Username: settings.DefaultUser.Username,
        Password: settings.DefaultUser.Password);

    /// <summary>Headless: gives every node a stable DNS name, published before the node is ready so peers can form the cluster.</summary>
    private static V1Service PeersService(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name("peers"), Component),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = context.SelectorLabels(Component),
            Ports =
            [
                new V1ServicePort { Name = "epmd", Port = EpmdPort, TargetPort = "epmd" },
                new V1ServicePort { Name = "amqp", Port = AmqpPort, TargetPort = "amqp" },
                new V1ServicePort { Name = "clustering", Port = ClusteringPort, TargetPort = "clustering" },
            ],
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
                new V1ServicePort { Name = "prometheus", Port = PrometheusPort, TargetPort = "prometheus" },
            ],
        },
    };

    /// <summary>
    /// Every node's rabbitmq_prometheus port, through the client Service (the peers Service matches the selector too,
    /// but has no prometheus port): <c>/metrics</c> for node totals and alarms, <c>/metrics/detailed</c> for the two
    /// per-queue families the alerts need (not every per-object metric, which costs the nodes more).
    /// </summary>
    private static ServiceMonitor Scraping(StackContext context, MonitoringSettings monitoring) => new()
    {
        Metadata = MonitoringMetadata(context, monitoring),
        Spec = new ServiceMonitorSpec
        {
            Selector = new ServiceMonitorSpecSelector { MatchLabels = context.SelectorLabels(Component) },
            Endpoints =
            [
                new ServiceMonitorSpecEndpoints { Port = "prometheus", Path = "/metrics", Interval = monitoring.ScrapeInterval.Text },
                new ServiceMonitorSpecEndpoints
                {
                    Port = "prometheus",
                    Path = "/metrics/detailed",
                    Params = new Dictionary<string, IList<string>> { ["family"] = ["queue_coarse_metrics", "queue_consumer_count"] },
                    Interval = monitoring.ScrapeInterval.Text,
                },
            ],
        },
    };

    private static PrometheusRule Alerts(StackContext context, RabbitMqSettings settings) => new()
    {
        Metadata = MonitoringMetadata(context, settings.Monitoring),
        Spec = new PrometheusRuleSpec { Groups = [RabbitMqAlerts.Group(context.Namespace, context.Name(), settings)] },
    };

    /// <summary>The standard labels, and those the Prometheus object selects its ServiceMonitors and rules by.</summary>
    private static V1ObjectMeta MonitoringMetadata(StackContext context, MonitoringSettings monitoring)
    {
        var metadata = context.Metadata(context.Name(), "monitoring");
        foreach (var (key, value) in monitoring.Labels)
        {
            metadata.Labels.TryAdd(key, value);
        }

        return metadata;
    }

    private static V1ConfigMap ConfigFile(StackContext context, RabbitMqSettings settings) => new()
    {
        Metadata = context.Metadata(context.Name("config"), Component),
        Data = new Dictionary<string, string>
        {
            ["rabbitmq.conf"] = Conf.Render(new
            {
                PartitionHandling = settings.PartitionHandling switch
                {
                    PartitionHandling.PauseMinority => "pause_minority",
                    PartitionHandling.Autoheal => "autoheal",
                    _ => "ignore",
                },
                settings.Replicas,
                AmqpPort,
                ManagementPort,
                PrometheusPort,
                MemoryLimitBytes = settings.Resources?.Limits.Memory is { } memory ? (long?)memory.Value : null,
            }),
            ["enabled_plugins"] = "[rabbitmq_management,rabbitmq_peer_discovery_k8s,rabbitmq_prometheus].\n",
        },
    };

    /// <summary>What lint's RabbitMQ rules read about the nodes, with the settings they blame named through this settings type.</summary>
    private static RabbitMqNodes NodesFact(RabbitMqSettings settings) => new(
        settings.PartitionHandling,
        ReplicasSetting: SettingNames.Path(nameof(RabbitMqSettings.Replicas)),
        PartitionHandlingSetting: SettingNames.Path(nameof(RabbitMqSettings.PartitionHandling)));

    private static V1StatefulSet Nodes(StackContext context, RabbitMqSettings settings) => StatefulSets.Create(
        context,
        context.Name(),
        Component,
        settings.Replicas,
        serviceName: context.Name("peers"),
        StatefulSets.Parallel,
        Pods.Spec(RabbitMqUser, [Broker(context, settings)], [CookieSetup(settings)]) with
        {
            TerminationGracePeriodSeconds = settings.TerminationGracePeriodSeconds,
            Affinity = Spread.AcrossNodes(context.SelectorLabels(Component)),
            NodeSelector = settings.NodeSelector.Count == 0 ? null : new Dictionary<string, string>(settings.NodeSelector),
            Volumes =
            [
                new V1Volume { Name = "home", EmptyDir = new V1EmptyDirVolumeSource() },
                new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = context.Name("config") } },
                new V1Volume
                {
                    Name = "erlang-cookie",
                    Secret = new V1SecretVolumeSource
                    {
                        SecretName = settings.ErlangCookie.Name,
                        Items = [new V1KeyToPath { Key = settings.ErlangCookie.Key, Path = ".erlang.cookie" }],
                    },
                },
            ],
        },
        StatefulSets.Claim(context, "data", Component, settings.Storage));

    /// <summary>Erlang refuses a cookie file others can read, and Secret volumes are read-only: copy it with mode 600.</summary>
    private static V1Container CookieSetup(RabbitMqSettings settings) => new()
    {
        Name = "erlang-cookie",
        Image = settings.Image.ToString(),
        Command = ["sh", "-c", $"cp {CookieMount}/.erlang.cookie {HomeDirectory}/.erlang.cookie && chmod 600 {HomeDirectory}/.erlang.cookie"],
        VolumeMounts =
        [
            new V1VolumeMount { Name = "home", MountPath = HomeDirectory },
            new V1VolumeMount { Name = "erlang-cookie", MountPath = CookieMount, ReadOnlyProperty = true },
        ],
        Resources = settings.Resources.ToKubernetes(),
    };

    private static V1Container Broker(StackContext context, RabbitMqSettings settings) => new()
    {
        Name = "rabbitmq",
        Image = settings.Image.ToString(),
        Ports =
        [
            new V1ContainerPort { Name = "epmd", ContainerPort = EpmdPort },
            new V1ContainerPort { Name = "amqp", ContainerPort = AmqpPort },
            new V1ContainerPort { Name = "clustering", ContainerPort = ClusteringPort },
            new V1ContainerPort { Name = "management", ContainerPort = ManagementPort },
            new V1ContainerPort { Name = "prometheus", ContainerPort = PrometheusPort },
        ],
        Env =
        [
            Env.FromField("POD_NAME", "metadata.name"),
            Env.Value("RABBITMQ_USE_LONGNAME", "true"),
            Env.Value("RABBITMQ_NODENAME", $"rabbit@$(POD_NAME).{context.Name("peers")}.{context.Namespace}.svc.{context.Target.ClusterDomain}"),
            Env.Value("RABBITMQ_ENABLED_PLUGINS_FILE", $"{ConfigDirectory}/enabled_plugins"),
            Env.Value("RABBITMQ_DEFAULT_USER", settings.DefaultUser.Username),
            Env.FromSecret("RABBITMQ_DEFAULT_PASS", settings.DefaultUser.Password),
            Env.Value("RABBITMQ_DEFAULT_VHOST", settings.Vhost),
        ],
        VolumeMounts =
        [
            new V1VolumeMount { Name = "home", MountPath = HomeDirectory },
            new V1VolumeMount { Name = "data", MountPath = DataDirectory },
            new V1VolumeMount { Name = "config", MountPath = ConfigDirectory, ReadOnlyProperty = true },
        ],
        Resources = settings.Resources.ToKubernetes(),
        StartupProbe = Probes.Startup(Probes.Exec(["rabbitmq-diagnostics", "-q", "ping"], periodSeconds: 10), TimeSpan.FromMinutes(10)),
        ReadinessProbe = Probes.Tcp("amqp"),
        LivenessProbe = Probes.Exec(["rabbitmq-diagnostics", "-q", "ping"]),
        Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = PreStop(settings.TerminationGracePeriodSeconds) } } },
    };

    /// <summary>
    /// Do not stop a node while a quorum queue would lose its majority without it; then move its leaders away. The
    /// kubelet kills the container when the grace period ends, preStop included: the hook's timeouts leave
    /// <see cref="StopSeconds"/> of it for RabbitMQ to stop after SIGTERM.
    /// </summary>
    private static List<string> PreStop(int graceSeconds)
    {
        var awaitSeconds = graceSeconds - StopSeconds - DrainSeconds - (2 * CommandStartSeconds);
        return ["sh", "-c", $"rabbitmq-upgrade await_online_quorum_plus_one -t {awaitSeconds} && rabbitmq-upgrade drain -t {DrainSeconds}"];
    }

    private static string NodeHost(StackContext context, int ordinal) =>
        $"{context.Name()}-{ordinal}.{context.ServiceHost(context.Name("peers"))}";
}
