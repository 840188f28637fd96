namespace StackGen.Layering;

/// <summary>A YAML sequence. Sequences replace each other when layers merge, like Helm values.</summary>
public sealed record SequenceNode : SettingNode
{
    public required IReadOnlyList<SettingNode> Items { get; init; }

    public override string Describe() => "a list";
}
