namespace StackGen.Stacks.Celery;

/// <summary>What a client sending tasks to the workers needs: the queues they consume, declared the same way.</summary>
/// <param name="Queues">Every queue a worker Deployment consumes, in the settings' order.</param>
/// <param name="DefaultQueue">Where a task without a route goes; null when no worker consumes any queue.</param>
public sealed record CeleryOutputs(IReadOnlyList<string> Queues, string? DefaultQueue);
