using StackGen.Diagnostics;

namespace StackGen.Binding;

/// <summary>One effective leaf setting: its path, value as shown to users, where it came from and what it overrode.</summary>
/// <param name="Type">What the setting takes ("integer", "quantity"), as `stackgen stacks` lists it.</param>
public sealed record SettingValue(string Path, string Type, string Value, SourceLocation Source, IReadOnlyList<SourceLocation> Overrode)
{
    public override string ToString() =>
        $"{Path} = {Value}  ({Source}{string.Concat(Overrode.Select(o => $", overrides {o}"))})";
}
