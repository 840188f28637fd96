using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>A YAML mapping with string keys, in the order written. Mappings merge key by key.</summary>
public sealed record MappingNode : SettingNode
{
    private readonly Dictionary<string, MappingEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<MappingEntry> _entries = [];

    public IReadOnlyList<MappingEntry> Entries => _entries;

    public static MappingNode Empty(SourceLocation location) => new() { Location = location };

    public SettingNode? this[string key] => _byKey.TryGetValue(key, out var entry) ? entry.Value : null;

    public MappingEntry? Entry(string key) => _byKey.GetValueOrDefault(key);

    public override string Describe() => "a mapping";

    /// <summary>A copy with the entry set (replacing one with the same key in place) or removed when value is null.</summary>
    public MappingNode With(string key, SourceLocation keyLocation, SettingNode? value)
    {
        var copy = new MappingNode { Location = Location, Overrides = Overrides };
        var replaced = false;
        foreach (var entry in _entries)
        {
            if (entry.Key != key)
            {
                copy.Add(entry);
            }
            else if (value is not null)
            {
                copy.Add(new MappingEntry(key, keyLocation, value));
                replaced = true;
            }
            else
            {
                replaced = true;
            }
        }

        if (!replaced && value is not null)
        {
            copy.Add(new MappingEntry(key, keyLocation, value));
        }

        return copy;
    }

    internal void Add(MappingEntry entry)
    {
        _byKey[entry.Key] = entry;
        _entries.Add(entry);
    }

    internal bool ContainsKey(string key) => _byKey.ContainsKey(key);
}
