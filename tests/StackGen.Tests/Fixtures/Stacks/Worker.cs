using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Stacks;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The fixture organisation's Deployments: workers that reference the broker's outputs (one URL per node), an
/// optional single-writer scheduler and an optional autoscaler.
/// </summary>
public sealed class Worker : StackGen.Stacks.Stack<WorkerSettings>
{
    private const string Component = "worker";
    private const string SchedulerComponent = "scheduler";
    private const string HttpPort = "http";

    public override string Name => "worker";

    public override string Owner => "apps";

    public override string Description => "fixture: Deployments that reference the broker";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, WorkerSettings settings)
    {
        var broker = context.Reference<BrokerOutputs>();
        yield return Workers(context, settings, broker);
        if (settings.Autoscaling.Enabled)
        {
            yield return Autoscaling.OnCpu(context, context.Name(), Component, settings.Autoscaling.MinReplicas, settings.Autoscaling.MaxReplicas, cpuUtilization: 70);
        }

        yield return Disruption.Budget(context, context.Name(), Component);
        if (settings.Scheduler.Enabled)
        {
            yield return Scheduler(context, settings, broker);
        }
    }

    private static V1Deployment Workers(StackContext context, WorkerSettings settings, BrokerOutputs broker) =>
        Deployments.Create(
            context,
            context.Name(),
            Component,
            settings.Autoscaling.Enabled ? null : settings.Replicas,
            Deployments.SurgeFirst(),
            Pods.Spec(Container("worker", settings.Image.ToString(), broker, settings.Resources, settings.ResultBackend), settings.RunAs) with
            {
                Affinity = Spread.AcrossNodes(context.SelectorLabels(Component)),
            });

    private static V1Deployment Scheduler(StackContext context, WorkerSettings settings, BrokerOutputs broker)
    {
        var deployment = Deployments.Create(context, context.Name(SchedulerComponent), SchedulerComponent, 1, Deployments.Recreate(), Pods.Spec(Container("scheduler", settings.Image.ToString(), broker, settings.Scheduler.Resources, resultBackend: null), settings.RunAs));
        return Markers.AsSingleWriter(context, deployment);
    }

    private static V1Container Container(string name, string image, BrokerOutputs broker, StackGen.Settings.ComputeResources? resources, string? resultBackend) => new()
    {
        Name = name,
        Image = image,
        Args = [name],
        Ports = [new V1ContainerPort { Name = HttpPort, ContainerPort = 8000 }],
        Env =
        [
            Env.FromSecret("BROKER_PASSWORD", broker.Password),
            Env.Value("BROKER_URL", string.Join(';', broker.NodeHosts.Select(host => $"amqp://app:$(BROKER_PASSWORD)@{host}:{broker.Port}/"))),
            .. resultBackend is null ? Array.Empty<V1EnvVar>() : [Env.Value("RESULT_BACKEND", resultBackend)],
        ],
        Resources = resources.ToKubernetes(),
        ReadinessProbe = Probes.Http("/ready", HttpPort),
        LivenessProbe = Probes.Http("/alive", HttpPort),
    };
}
