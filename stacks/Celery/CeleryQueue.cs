using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Celery;

/// <summary>A Celery queue and the Deployment of workers that consumes it.</summary>
public sealed record CeleryQueue
{
    /// <summary>The queue (celery worker --queues); its Deployment is workers-NAME, with '_' and '.' written as '-'.</summary>
    public required string Name { get; init; }

    [Range(0, 100)]
    public int Replicas { get; init; } = 2;

    /// <summary>Prefork processes per pod, each running one task at a time. Set it: celery's default is the node's CPU count.</summary>
    [Range(1, 64)]
    public int Concurrency { get; init; } = 4;

    /// <summary>The hard time limit of this queue's longest task; the stack's task time limit when left out.</summary>
    public Duration? TaskTimeLimit { get; init; }

    /// <summary>This queue's pod resources; the stack's resources when left out.</summary>
    public ComputeResources? Resources { get; init; }
}
