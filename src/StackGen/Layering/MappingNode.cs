using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>A YAML mapping with string keys, in the order written. Mappings merge key by key.</summary>
public sealed record MappingNode : SettingNode
{
    // Most mappings have a handful of keys and are looked up by scanning them; only large ones (such as `stacks:`
    // of a big organisation) get an index: layer files have thousands of small mappings (see bench/README.md).
    private const int IndexedFrom = 8;

    private readonly List<MappingEntry> _entries = [];
    private Dictionary<string, MappingEntry>? _byKey;

    public IReadOnlyList<MappingEntry> Entries => _entries;

    public static MappingNode Empty(SourceLocation location) => new() { Location = location };

    public SettingNode? this[string key] => Entry(key)?.Value;

    public MappingEntry? Entry(string key)
    {
        if (_byKey is not null)
        {
            return _byKey.GetValueOrDefault(key);
        }

        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

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

    /// <summary>Adds an entry whose key the mapping does not have yet.</summary>
    internal void Add(MappingEntry entry)
    {
        _entries.Add(entry);
        if (_byKey is not null)
        {
            _byKey.Add(entry.Key, entry);
        }
        else if (_entries.Count >= IndexedFrom)
        {
            _byKey = _entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        }
    }

    internal bool ContainsKey(string key) => Entry(key) is not null;
}
