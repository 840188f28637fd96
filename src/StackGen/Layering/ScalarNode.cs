namespace StackGen.Layering;

/// <summary>A YAML scalar as written. Plain scalars may be numbers, booleans or null; quoted ones are always strings.</summary>
public sealed record ScalarNode : SettingNode
{
    public required string Text { get; init; }

    public required bool IsPlain { get; init; }

    public bool IsNull => IsPlain && Text is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : IsPlain ? $"'{Text}'" : $"the string \"{Text}\"";
}
