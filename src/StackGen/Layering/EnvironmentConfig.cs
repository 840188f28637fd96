namespace StackGen.Layering;

/// <summary>An environment after layering and binding: its target and every stack it deploys, in name order.</summary>
/// <param name="Lint">The environment file's `lint:` section as written, bound by the linter that owns its meaning.</param>
public sealed record EnvironmentConfig(string Name, Target Target, Tier Tier, IReadOnlyList<StackLayers> Stacks, MappingNode? Lint = null)
{
    public StackLayers? Find(string stack) => Stacks.FirstOrDefault(s => s.Stack.Name == stack);
}
