using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Celery;

/// <summary>
/// A one-shot Job that sends one task (celery call), like the write-up's scheduler pod. Its name carries a hash of
/// its content: it runs once per distinct content, again when any of it changes (the image, the task, the queue).
/// </summary>
public sealed record CeleryProducerSettings
{
    public bool Enabled { get; init; }

    /// <summary>The registered name of the task to send.</summary>
    public string Task { get; init; } = "shop.tasks.produce";

    public string Queue { get; init; } = CeleryWorkersSettings.DefaultQueue;

    /// <summary>Failed pods retried before the Job fails.</summary>
    [Range(0, 10)]
    public int BackoffLimit { get; init; } = 3;

    /// <summary>How long the Job may run, retries included, before Kubernetes stops it.</summary>
    public Duration Deadline { get; init; } = Duration.Parse("5m");

    public ComputeResources? Resources { get; init; }
}
