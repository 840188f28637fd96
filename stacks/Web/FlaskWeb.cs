using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.CustomResources.Gateway.V1;
using StackGen.Settings;
using StackGen.Stacks.Celery;
using StackGen.Stacks.Postgres;
using StackGen.Stacks.RabbitMq;

namespace StackGen.Stacks.Web;

/// <summary>
/// The Flask web tier under uWSGI: a Deployment behind a Service, optionally routed by an Ingress or a Gateway API
/// HTTPRoute, a CPU autoscaler, and a schema migration Job run before the Deployment rolls;
/// it sends Celery tasks to the workers' queues through the rabbitmq stack's nodes (configured by the same Celery
/// module the workers load) and reads the database through libpq's variables.
/// </summary>
public sealed class FlaskWeb : Stack<FlaskWebSettings>
{
    private const string Component = "web";
    private const string MigrateComponent = "migrate";
    private const string Port = "http";
    private const int ContainerPort = 8000;
    private const int ServicePort = 80;
    private const string ConfigPart = "config";
    private const string ConfigFile = "uwsgi.ini";
    private const string ConfigDirectory = "/etc/uwsgi";

    // A stopping pod keeps serving this long while endpoint removal reaches the ingress controller and kube-proxy.
    private const int DrainSeconds = 5;

    // What a stopping pod needs beyond draining and its longest request.
    private const int ShutdownMarginSeconds = 5;

    // The share of the memory limit uWSGI's workers may use between them before one is replaced.
    private const decimal WorkerMemoryShare = 0.8m;

    // Importing the app, before liveness may restart a pod.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(2);

    private static readonly ConfigTemplate Uwsgi = ConfigTemplate.FromResource(typeof(FlaskWeb).Assembly, "Web/uwsgi.ini.sbn");

    public override string Name => "web";

    public override string Owner => "apps";

    public override IReadOnlyList<Type> CustomKinds => [typeof(HTTPRoute)];

    public override string Description => "Flask web tier under uWSGI, with Service, optional Ingress or Gateway API HTTPRoute, and CPU autoscaling";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, FlaskWebSettings settings)
    {
        var broker = context.Reference<RabbitMqOutputs>();
        yield return Config(context, settings, broker, context.Reference<CeleryOutputs>());
        yield return Service(context);
        if (settings.Migrations.Enabled)
        {
            yield return Migration(context, settings);
        }

        yield return Server(context, settings, broker);
        yield return Disruption.Budget(context, context.Name(), Component);
        if (settings.Autoscaling.Enabled)
        {
            yield return Autoscaler(context, settings.Autoscaling);
        }

        if (settings.Ingress.Enabled)
        {
            yield return Ingress(context, settings.Ingress);
        }

        if (settings.Gateway.Enabled)
        {
            yield return Route(context, settings.Gateway);
        }
    }

    /// <summary>One way in: an Ingress and an HTTPRoute for the same host would race for it on two controllers.</summary>
    protected override void Check(FlaskWebSettings settings, SettingChecks checks)
    {
        if (settings.Gateway.Enabled && settings.Ingress.Enabled)
        {
            checks.Error("gateway.enabled", "an HTTPRoute and an Ingress cannot both route to web; expected ingress.enabled: false when gateway.enabled is true");
        }

        if (settings.Gateway.Enabled && string.IsNullOrEmpty(settings.Gateway.Name))
        {
            checks.Error("gateway.name", "expected the name of the Gateway the HTTPRoute attaches to when gateway.enabled is true");
        }
    }

    /// <summary>uwsgi.ini, and the Celery module the app's task client loads (uWSGI puts this directory on the import path).</summary>
    private static V1ConfigMap Config(StackContext context, FlaskWebSettings settings, RabbitMqOutputs broker, CeleryOutputs queues) => new()
    {
        Metadata = context.Metadata(context.Name(ConfigPart), Component),
        Data = new Dictionary<string, string>
        {
            [ConfigFile] = Uwsgi.Render(new
            {
                HttpPort = ContainerPort,
                PythonPath = ConfigDirectory,
                settings.Module,
                settings.Processes,
                settings.Threads,
                HarakiriSeconds = (int)settings.RequestTimeout.Value.TotalSeconds,
                settings.MaxRequests,
                ReloadOnRssMegabytes = settings.Resources?.Limits.Memory is { } memory
                    ? (long?)(memory.Value * WorkerMemoryShare / settings.Processes / (1024 * 1024))
                    : null,
            }),
            [CeleryConfigModule.FileName] = CeleryConfigModule.Render(broker, queues, consumes: false),
        },
    };

    private static V1Service Service(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(), Component),
        Spec = new V1ServiceSpec
        {
            Selector = context.SelectorLabels(Component),
            Ports = [new V1ServicePort { Name = Port, Port = ServicePort, TargetPort = Port }],
        },
    };

    /// <summary>
    /// The schema migration, run before the Deployment rolls (<see cref="Markers.RunBeforeWorkloads{T}"/>) with the
    /// web tier's database variables; named after its content, so each new image migrates once.
    /// </summary>
    private static V1Job Migration(StackContext context, FlaskWebSettings settings)
    {
        var migrations = settings.Migrations;
        var migrate = new V1Container
        {
            Name = MigrateComponent,
            Image = (migrations.Image ?? settings.Image).ToString(),
            Command = [.. migrations.Command ?? ["flask", "--app", settings.Module, "db", "upgrade"]],
            Env = [.. Libpq.Variables(settings.Database)],
            Resources = (migrations.Resources ?? settings.Resources).ToKubernetes(),
        };
        var job = Jobs.RunOnce(context, context.Name(MigrateComponent), MigrateComponent, Pods.Spec(migrate, settings.RunAs), migrations.BackoffLimit, migrations.Deadline.Value);
        return Markers.RunBeforeWorkloads(context, job);
    }

    /// <summary>Without replicas when the autoscaler owns the count.</summary>
    private static V1Deployment Server(StackContext context, FlaskWebSettings settings, RabbitMqOutputs broker)
    {
        var health = Probes.Http(settings.HealthPath, Port);
        var uwsgi = new V1Container
        {
            Name = "uwsgi",
            Image = settings.Image.ToString(),
            Command = ["uwsgi", "--ini", $"{ConfigDirectory}/{ConfigFile}"],
            Ports = [new V1ContainerPort { Name = Port, ContainerPort = ContainerPort }],
            Env = [.. CeleryConfigModule.Variables(broker), .. Libpq.Variables(settings.Database)],
            VolumeMounts = [new V1VolumeMount { Name = ConfigPart, MountPath = ConfigDirectory, ReadOnlyProperty = true }],
            Resources = settings.Resources.ToKubernetes(),
            StartupProbe = Probes.Startup(health, StartupAllowance),
            ReadinessProbe = health,
            // More patient than readiness: a pod busy with slow requests is taken out of rotation, not restarted.
            LivenessProbe = health with { FailureThreshold = 6 },
            Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = DrainSeconds } } },
        };
        var replicas = settings.Autoscaling.Enabled ? (int?)null : settings.Replicas;
        return Deployments.Create(context, context.Name(), Component, replicas, Deployments.SurgeFirst(), Pods.Spec(uwsgi, settings.RunAs) with
        {
            TerminationGracePeriodSeconds = DrainSeconds + (long)settings.RequestTimeout.Value.TotalSeconds + ShutdownMarginSeconds,
            Affinity = Spread.AcrossNodes(context.SelectorLabels(Component)),
            Volumes = [new V1Volume { Name = ConfigPart, ConfigMap = new V1ConfigMapVolumeSource { Name = context.Name(ConfigPart) } }],
        });
    }

    private static V2HorizontalPodAutoscaler Autoscaler(StackContext context, AutoscalingSettings autoscaling) =>
        Autoscaling.OnCpu(context, context.Name(), Component, autoscaling.MinReplicas, autoscaling.MaxReplicas, autoscaling.CpuUtilization);

    private static HTTPRoute Route(StackContext context, GatewaySettings gateway) => new()
    {
        Metadata = context.Metadata(context.Name(), Component),
        Spec = new HTTPRouteSpec
        {
            ParentRefs = [new HTTPRouteSpecParentRefs { Name = gateway.Name!, Namespace = gateway.Namespace, SectionName = gateway.SectionName }],
            Hostnames = gateway.Host is { } host ? [host] : null,
            Rules =
            [
                new HTTPRouteSpecRules
                {
                    Matches = [new HTTPRouteSpecRulesMatches { Path = new HTTPRouteSpecRulesMatchesPath { Type = HTTPRouteSpecRulesMatchesPathType.PathPrefix, Value = "/" } }],
                    BackendRefs = [new HTTPRouteSpecRulesBackendRefs { Name = context.Name(), Port = ServicePort }],
                },
            ],
        },
    };

    private static V1Ingress Ingress(StackContext context, IngressSettings ingress) => new()
    {
        Metadata = context.Metadata(context.Name(), Component),
        Spec = new V1IngressSpec
        {
            IngressClassName = ingress.ClassName,
            Tls = ingress.TlsSecret is { } certificate
                ? [new V1IngressTLS { SecretName = certificate, Hosts = ingress.Host is { } host ? [host] : null }]
                : null,
            Rules =
            [
                new V1IngressRule
                {
                    Host = ingress.Host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = context.Name(), Port = new V1ServiceBackendPort { Name = Port } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };
}
