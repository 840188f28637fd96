using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

// README's "Adding a stack" example, letter for letter but for this namespace (Docs/ReadmeTests compares them). It sits
// under StackGen.Stacks, as a stack in stacks/ does, so `Stack<T>` resolves as it does there; the name keeps it apart
// from the StackGen.Stacks.Cache a reader creates by following README.
namespace StackGen.Stacks.ReadmeExample;

public sealed record CacheSettings
{
    [Range(1, 9)]
    public int Replicas { get; init; } = 2;

    public ImageRef Image { get; init; } = ImageRef.Parse("redis:7.4.1");

    public ComputeResources? Resources { get; init; }

    /// <summary>The redis image's own user and group: pods run as non-root.</summary>
    public RunAsSettings RunAs { get; init; } = new() { User = 999, Group = 999 };
}
