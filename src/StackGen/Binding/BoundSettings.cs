namespace StackGen.Binding;

/// <summary>A stack's settings record after layering, and the provenance of every leaf value.</summary>
public sealed record BoundSettings(object Value, IReadOnlyList<SettingValue> Values)
{
    public SettingValue? Find(string path) => Values.FirstOrDefault(v => v.Path == path);
}
