namespace StackGen.Layering;

/// <summary>Merges a later layer onto an earlier one: mappings key by key, everything else replaced; null resets to the code default.</summary>
public static class LayerMerge
{
    /// <summary>The merged node, or null when the overlay resets the value.</summary>
    public static SettingNode? Merge(SettingNode? under, SettingNode over)
    {
        if (over is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (under is MappingNode baseMapping && over is MappingNode overMapping)
        {
            var merged = baseMapping with { Location = overMapping.Location };
            foreach (var entry in overMapping.Entries)
            {
                merged = merged.With(entry.Key, entry.KeyLocation, Merge(merged[entry.Key], entry.Value));
            }

            return merged;
        }

        return under is null ? over : over with { Overrides = under };
    }
}
