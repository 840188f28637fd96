namespace StackGen.Layering;

/// <summary>Merges a later layer onto an earlier one: mappings key by key, everything else replaced; null resets to the code default.</summary>
public static class LayerMerge
{
    /// <summary>The merged node, or null when the overlay resets the value.</summary>
    /// <remarks>Linear in the size of both layers: a mapping is built once, each key looked up in the overlay's index.</remarks>
    public static SettingNode? Merge(SettingNode? under, SettingNode over)
    {
        if (over is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (over is not MappingNode overMapping)
        {
            return under is null ? over : over with { Overrides = under };
        }

        if (under is not MappingNode baseMapping)
        {
            // A mapping on nothing (or on a scalar or list, which it replaces) keeps its values but not its resets.
            var alone = WithoutResets(overMapping);
            return under is null ? alone : alone with { Overrides = under };
        }

        var merged = new MappingNode { Location = overMapping.Location, Overrides = baseMapping.Overrides };
        foreach (var entry in baseMapping.Entries)
        {
            if (overMapping.Entry(entry.Key) is not { } overEntry)
            {
                merged.Add(entry);
            }
            else if (Merge(entry.Value, overEntry.Value) is { } value)
            {
                merged.Add(new MappingEntry(entry.Key, overEntry.KeyLocation, value));
            }
        }

        foreach (var entry in overMapping.Entries)
        {
            if (baseMapping.Entry(entry.Key) is null && Merge(null, entry.Value) is { } value)
            {
                merged.Add(new MappingEntry(entry.Key, entry.KeyLocation, value));
            }
        }

        return merged;
    }

    /// <summary>True when the node holds a reset (a null value) at any depth of its mappings: what the merge drops.</summary>
    public static bool HasResets(SettingNode node) =>
        node is MappingNode mapping && mapping.Entries.Any(e => e.Value is ScalarNode { IsNull: true } || HasResets(e.Value));

    /// <summary>The mapping with its null values (resets, which have nothing to reset here) removed, at any depth.</summary>
    private static MappingNode WithoutResets(MappingNode mapping)
    {
        if (!mapping.Entries.Any(e => e.Value is ScalarNode { IsNull: true } or MappingNode))
        {
            return mapping;
        }

        var copy = new MappingNode { Location = mapping.Location, Overrides = mapping.Overrides };
        foreach (var entry in mapping.Entries)
        {
            if (Merge(null, entry.Value) is { } value)
            {
                copy.Add(ReferenceEquals(value, entry.Value) ? entry : entry with { Value = value });
            }
        }

        return copy;
    }
}
