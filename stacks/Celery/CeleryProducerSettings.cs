using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Celery;

/// <summary>
/// A one-shot Job that sends one task (celery call), like the write-up's scheduler pod. A Job runs once; it runs
/// again only when it is deleted and applied anew.
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
