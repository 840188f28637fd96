using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Celery;

public sealed record CeleryWorkersSettings
{
    public const string DefaultQueue = "default";

    /// <summary>The application image (usually the one the web stack runs).</summary>
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/shop/app:1.0.0");

    /// <summary>The Celery application, as celery -A takes it: a module, or module:attribute.</summary>
    public string App { get; init; } = "shop";

    /// <summary>
    /// The directory in the image from which `celery -A APP` imports the app: the containers' working directory,
    /// where the stack's Celery configuration module is mounted.
    /// </summary>
    [RegularExpression("^/[^\\s]*$", ErrorMessage = "an absolute path such as /app")]
    public string AppDirectory { get; init; } = "/app";

    /// <summary>
    /// The Celery version the image installs (the app image's contract). Quorum queues need 5.5.0 or later; the
    /// configuration module also refuses an older Celery when it starts.
    /// </summary>
    [MinimumVersion("Celery", CeleryConfigModule.MinimumCeleryVersion, "the first Celery that turns global QoS off for quorum queues; older workers never consume a task")]
    public ReleaseVersion CeleryVersion { get; init; } = ReleaseVersion.Parse(CeleryConfigModule.MinimumCeleryVersion);

    /// <summary>One Deployment and one disruption budget per queue.</summary>
    public IReadOnlyList<CeleryQueue> Queues { get; init; } = [new() { Name = DefaultQueue }];

    /// <summary>
    /// The hard time limit of the longest task (celery --time-limit), unless a queue sets its own. A stopping worker
    /// finishes its running tasks first, so its termination grace period is this plus a margin.
    /// </summary>
    public Duration TaskTimeLimit { get; init; } = Duration.Parse("10m");

    /// <summary>The numeric user and group every Celery pod runs as.</summary>
    public RunAsSettings RunAs { get; init; } = new();

    /// <summary>Worker pod resources, unless a queue sets its own.</summary>
    public ComputeResources? Resources { get; init; }

    public CeleryBeatSettings Beat { get; init; } = new();

    public CeleryProducerSettings Producer { get; init; } = new();
}
