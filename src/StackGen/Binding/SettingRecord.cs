namespace StackGen.Binding;

/// <summary>The bindable properties of a settings record type, in declaration order and by YAML key.</summary>
internal sealed class SettingRecord
{
    public SettingRecord(IReadOnlyList<SettingProperty> properties)
    {
        Properties = properties;
        Keys = [.. properties.Select(p => p.Key)];
        ByKey = properties.ToDictionary(p => p.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<SettingProperty> Properties { get; }

    /// <summary>The keys in declaration order, as error messages list them.</summary>
    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyDictionary<string, SettingProperty> ByKey { get; }
}
