using StackGen.Settings;

namespace StackGen.Stacks.Celery;

/// <summary>celery beat, the periodic-task scheduler. At most one ever runs: two beats send every periodic task twice.</summary>
public sealed record CeleryBeatSettings
{
    public bool Enabled { get; init; }

    public ComputeResources? Resources { get; init; }
}
