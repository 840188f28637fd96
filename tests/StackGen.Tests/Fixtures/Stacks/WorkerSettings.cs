using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Tests.Fixtures.Stacks;

public sealed record WorkerSettings
{
    [Range(1, 50)]
    public int Replicas { get; init; } = 2;

    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/fixture/app:1.0.0");

    public ComputeResources? Resources { get; init; }

    public RunAsSettings RunAs { get; init; } = new();

    /// <summary>Where task results go, a URL; free text, so lint has a literal to catch a password in.</summary>
    public string? ResultBackend { get; init; }

    public SchedulerSettings Scheduler { get; init; } = new();

    public WorkerAutoscaling Autoscaling { get; init; } = new();
}
