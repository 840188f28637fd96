using StackGen.Stacks;
using StackGen.Validation;

namespace StackGen.Layering;

/// <summary>An environment after layering and binding: its target and every stack it deploys, in name order.</summary>
/// <param name="Lint">The environment file's `lint:` section, bound while loading.</param>
public sealed record EnvironmentConfig(string Name, Target Target, Tier Tier, IReadOnlyList<StackLayers> Stacks, EnvironmentLint Lint)
{
    // Find is asked per stack, reference and lint finding: an index, rebuilt whenever Stacks is set (also by `with`).
    private readonly Dictionary<string, StackLayers> _byName = NameIndex.Of(Stacks, layers => layers.Stack.Name);

    public IReadOnlyList<StackLayers> Stacks
    {
        get;
        init
        {
            field = value;
            _byName = NameIndex.Of(value, layers => layers.Stack.Name);
        }
    } = Stacks;

    /// <summary>
    /// The repository the environment was loaded from (the directory holding environments/ and vendor/), where stacks
    /// find their vendored charts and manifests; null for an environment built in code.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>The deployed stack with that name (the first, should two share it), if any.</summary>
    public StackLayers? Find(string stack) => _byName.GetValueOrDefault(stack);
}
