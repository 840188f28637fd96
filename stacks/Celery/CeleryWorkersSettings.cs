using StackGen.Settings;

namespace StackGen.Stacks.Celery;

public sealed record CeleryWorkersSettings
{
    public const string DefaultQueue = "default";

    /// <summary>The application image (usually the one the web stack runs).</summary>
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/shop/app:1.0.0");

    /// <summary>The Celery application, as celery -A takes it: a module, or module:attribute.</summary>
    public string App { get; init; } = "shop";

    /// <summary>One Deployment and one disruption budget per queue.</summary>
    public IReadOnlyList<CeleryQueue> Queues { get; init; } = [new() { Name = DefaultQueue }];

    /// <summary>
    /// The hard time limit of the longest task (celery --time-limit), unless a queue sets its own. A stopping worker
    /// finishes its running tasks first, so its termination grace period is this plus a margin.
    /// </summary>
    public Duration TaskTimeLimit { get; init; } = Duration.Parse("10m");

    /// <summary>Worker pod resources, unless a queue sets its own.</summary>
    public ComputeResources? Resources { get; init; }

    public CeleryBeatSettings Beat { get; init; } = new();

    public CeleryProducerSettings Producer { get; init; } = new();
}
