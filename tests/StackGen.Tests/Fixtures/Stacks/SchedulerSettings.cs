using StackGen.Settings;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>The fixture worker's optional single-writer scheduler (a Celery beat).</summary>
public sealed record SchedulerSettings
{
    public bool Enabled { get; init; }

    public ComputeResources? Resources { get; init; }
}
