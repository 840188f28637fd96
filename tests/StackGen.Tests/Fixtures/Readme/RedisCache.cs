using k8s;
using k8s.Models;
using StackGen.Building;

// README's "Adding a stack" example, letter for letter but for this namespace (see CacheSettings.cs).
namespace StackGen.Stacks.ReadmeExample;

/// <summary>A Redis cache: a Deployment behind a Service, at most one pod down at a time.</summary>
public sealed class RedisCache : Stack<CacheSettings>
{
    private const string Component = "cache";
    private const int RedisPort = 6379;

    public override string Name => "cache";

    public override string Owner => "platform";

    public override string Description => "Redis cache";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, CacheSettings settings) =>
    [
        ClientService(context),
        Nodes(context, settings),
        Disruption.Budget(context, context.Name(), Component),
    ];

    private static V1Service ClientService(StackContext context) => new()
    {
        Metadata = context.Metadata(context.Name(), Component),
        Spec = new V1ServiceSpec
        {
            Selector = context.SelectorLabels(Component),
            Ports = [new V1ServicePort { Name = "redis", Port = RedisPort, TargetPort = "redis" }],
        },
    };

    private static V1Deployment Nodes(StackContext context, CacheSettings settings) =>
        Deployments.Create(context, context.Name(), Component, settings.Replicas, Deployments.SurgeFirst(), Pods.Spec(
            new V1Container
            {
                Name = "redis",
                Image = settings.Image.ToString(),
                Ports = [new V1ContainerPort { Name = "redis", ContainerPort = RedisPort }],
                Resources = settings.Resources.ToKubernetes(),
                ReadinessProbe = Probes.Tcp("redis"),
                LivenessProbe = Probes.Exec(["redis-cli", "ping"]),
            },
            settings.RunAs));
}
