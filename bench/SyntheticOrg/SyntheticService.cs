using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Settings;
using StackGen.Stacks;
using StackGen.Stacks.Celery;
using StackGen.Stacks.RabbitMq;
using StackGen.Stacks.Web;

namespace StackGen.Bench.SyntheticOrg;

/// <summary>
/// One generated stack of the synthetic organisation, built like the real stacks (the same building blocks and a
/// reference to the rabbitmq stack's outputs). Ten objects: ServiceAccount, two ConfigMaps, two Services, a
/// Deployment with its HorizontalPodAutoscaler and PodDisruptionBudget, a StatefulSet with its PodDisruptionBudget.
/// </summary>
public sealed class SyntheticService(string name, string owner) : StackGen.Stacks.Stack<SyntheticSettings>
{
    private const string ApiComponent = "api";
    private const string StoreComponent = "store";
    private const string Http = "http";
    private const int HttpPort = 8080;
    private const int StorePort = 6379;

    private static readonly ConfigTemplate AppIni = ConfigTemplate.FromResource(typeof(SyntheticService).Assembly, "app.ini.sbn");

    public override string Name => name;

    public override string Owner => owner;

    public override string Description => "synthetic service (API Deployment, autoscaler, replicated store)";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, SyntheticSettings settings)
    {
        var broker = context.Reference<RabbitMqOutputs>();
        yield return Account(context);
        yield return AppConfig(context, settings, broker);
        yield return EnvConfig(context, settings);
        yield return ApiService(context);
        yield return Api(context, settings, broker);
        if (settings.Autoscaling.Enabled)
        {
            yield return Autoscaler(context, settings.Autoscaling);
        }

        yield return Disruption.Budget(context, context.Name(), ApiComponent);
        yield return StorePeers(context);
        yield return Store(context, settings.Store);
        yield return Disruption.Budget(context, context.Name(StoreComponent), StoreComponent);
    }

    private static V1ServiceAccount Account(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(), ApiComponent),
        AutomountServiceAccountToken = false,
    };

    private static V1ConfigMap AppConfig(StackContext context, SyntheticSettings settings, RabbitMqOutputs broker) => new()
    {
        Metadata = context.Metadata(context.Name("config"), ApiComponent),
        Data = new Dictionary<string, string>
        {
            ["app.ini"] = AppIni.Render(new
            {
                Stack = context.Stack.Name,
                HttpPort,
                RequestTimeoutSeconds = (int)settings.RequestTimeout.Value.TotalSeconds,
                settings.LogLevel,
                BrokerHosts = string.Join(",", broker.NodeHosts),
                settings.Features,
            }),
        },
    };

    private static V1ConfigMap EnvConfig(StackContext context, SyntheticSettings settings) => new()
    {
        Metadata = context.Metadata(context.Name("env"), ApiComponent),
        Data = new Dictionary<string, string>
        {
            ["LOG_LEVEL"] = settings.LogLevel,
            ["FEATURES"] = string.Join(",", settings.Features),
            ["STORE_HOST"] = context.ServiceHost(context.Name(StoreComponent, "peers")),
            ["STORE_PORT"] = "6379",
        },
    };

    private static V1Service ApiService(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(), ApiComponent),
        Spec = new V1ServiceSpec
        {
            Selector = context.SelectorLabels(ApiComponent),
            Ports = [new V1ServicePort { Name = Http, Port = 80, TargetPort = Http }],
        },
    };

    private static V1Deployment Api(StackContext context, SyntheticSettings settings, RabbitMqOutputs broker)
    {
        var health = Probes.Http("/healthz", Http);
        var api = new V1Container
        {
            Name = "api",
            Image = settings.Image.ToString(),
            Args = ["serve", "--config", "/etc/app/app.ini"],
            Ports = [new V1ContainerPort { Name = Http, ContainerPort = HttpPort }],
            Env = [.. CeleryConfigModule.Variables(broker)],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = context.Name("env") } }],
            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/etc/app", ReadOnlyProperty = true }],
            Resources = settings.Resources.ToKubernetes(),
            StartupProbe = Probes.Startup(health, TimeSpan.FromMinutes(1)),
            ReadinessProbe = health,
            LivenessProbe = health with { FailureThreshold = 6 },
        };
        var replicas = settings.Autoscaling.Enabled ? (int?)null : settings.Replicas;
        return Deployments.Create(context, context.Name(), ApiComponent, replicas, Deployments.SurgeFirst(), Pods.Spec(api, new RunAsSettings()) with
        {
            ServiceAccountName = context.Name(),
            TerminationGracePeriodSeconds = (long)settings.RequestTimeout.Value.TotalSeconds + 10,
            Affinity = Spread.AcrossNodes(context.SelectorLabels(ApiComponent)),
            Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = context.Name("config") } }],
        });
    }

    private static V2HorizontalPodAutoscaler Autoscaler(StackContext context, AutoscalingSettings autoscaling) =>
        Autoscaling.OnCpu(context, context.Name(), ApiComponent, autoscaling.MinReplicas, autoscaling.MaxReplicas, autoscaling.CpuUtilization);

    private static V1Service StorePeers(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(StoreComponent, "peers"), StoreComponent),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = context.SelectorLabels(StoreComponent),
            Ports = [new V1ServicePort { Name = "store", Port = StorePort, TargetPort = "store" }],
        },
    };

    private static V1StatefulSet Store(StackContext context, StoreSettings store)
    {
        var ready = Probes.Tcp("store");
        var server = new V1Container
        {
            Name = "store",
            Image = store.Image.ToString(),
            Args = ["--appendonly", "yes", "--dir", "/data"],
            Ports = [new V1ContainerPort { Name = "store", ContainerPort = StorePort }],
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
            Resources = store.Resources.ToKubernetes(),
            ReadinessProbe = ready,
            LivenessProbe = ready with { FailureThreshold = 6 },
        };
        return new V1StatefulSet
        {
            Metadata = context.Metadata(context.Name(StoreComponent), StoreComponent),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = context.Name(StoreComponent, "peers"),
                Replicas = store.Replicas,
                PodManagementPolicy = "Parallel",
                Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(StoreComponent) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = context.Labels(StoreComponent) },
                    Spec = Pods.Spec(server, new RunAsSettings { User = 999, Group = 999 }) with { Affinity = Spread.AcrossNodes(context.SelectorLabels(StoreComponent)) },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = "data", Labels = context.SelectorLabels(StoreComponent) },
                        Spec = Volumes.ReadWriteOnce(store.Storage),
                    },
                ],
            },
        };
    }
}
