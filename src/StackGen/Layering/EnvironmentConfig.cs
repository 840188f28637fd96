namespace StackGen.Layering;

/// <summary>An environment after layering and binding: its target and every stack it deploys, in name order.</summary>
public sealed record EnvironmentConfig(string Name, Target Target, IReadOnlyList<StackLayers> Stacks)
{
    public StackLayers? Find(string stack) => Stacks.FirstOrDefault(s => s.Stack.Name == stack);
}
