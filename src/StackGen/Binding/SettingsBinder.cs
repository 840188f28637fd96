using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Settings;

namespace StackGen.Binding;

/// <summary>
/// Binds a merged settings tree to a settings record strictly: unknown keys, wrong types and out-of-range
/// values are errors located at the YAML node that caused them. Defaults come from the record's initializers.
/// </summary>
public static class SettingsBinder
{
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Trimming.SettingsAreRooted)]
    /// <param name="partial">
    /// The node is one layer on its own (checked although a later layer overrides it): settings that are required
    /// but merged key by key may come from another layer, so their absence is not an error.
    /// </param>
    public static BoundSettings Bind(Type settingsType, MappingNode? node, string path, ErrorList errors, bool partial = false)
    {
        // A type nobody declared is reported by name, rather than dropped from `stacks` and `explain` or failing mid-bind.
        if (Unsupported(settingsType, path) is [_, ..] unsupported)
        {
            foreach (var setting in unsupported)
            {
                errors.Add(SourceLocation.CodeDefault, setting.Message);
            }

            return new BoundSettings(Activator.CreateInstance(settingsType)!, []);
        }

        var value = BindRecord(settingsType, current: null, node, path, errors, partial);
        var index = new Dictionary<string, SettingNode>(StringComparer.Ordinal);
        if (node is not null)
        {
            Index(node, path, index);
        }

        var leaves = new List<SettingValue>();
        DescribeRecord(settingsType, value, path, index, leaves);
        return new BoundSettings(value, leaves);
    }

    /// <summary>Every property of the settings type, at any depth, whose type the binder cannot bind (empty when all bind).</summary>
    public static IReadOnlyList<UnsupportedSetting> Unsupported(Type settingsType, string path) => SettingProperties.Unsupported(settingsType, path);

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Trimming.SettingsAreRooted)]
    private static object BindRecord(Type type, object? current, MappingNode? node, string path, ErrorList errors, bool partial)
    {
        var instance = Activator.CreateInstance(type)!;
        var record = SettingProperties.Of(type);
        if (current is not null)
        {
            foreach (var property in record.Properties)
            {
                property.SetValue(instance, property.GetValue(current));
            }
        }

        if (node is null)
        {
            return instance;
        }

        foreach (var entry in node.Entries)
        {
            var childPath = $"{path}.{entry.Key}";
            if (!record.ByKey.TryGetValue(entry.Key, out var property))
            {
                errors.Add(entry.KeyLocation, $"{childPath}: unknown setting{Suggestions.DidYouMean(entry.Key, record.Keys)} (settings here: {string.Join(", ", record.Keys)})");
                continue;
            }

            if (partial && entry.Value is ScalarNode { IsNull: true })
            {
                // A reset, as the layer wrote it: the merge applies it.
                continue;
            }

            if (TryBindValue(property.Type, property.GetValue(instance), entry.Value, childPath, errors, partial, out var bound)
                && CheckRange(property, bound, entry.Value, childPath, errors)
                && CheckMinimumVersion(property, bound, entry.Value, childPath, errors)
                && CheckPattern(property, bound, entry.Value, childPath, errors))
            {
                property.SetValue(instance, bound);
            }
        }

        if (current is null && !partial)
        {
            foreach (var property in record.Properties.Where(p => p.IsRequired && node[p.Key] is null))
            {
                errors.Add(node.Location, $"{path}: missing required setting '{property.Key}' ({SettingProperties.Describe(property.Type)})");
            }
        }

        return instance;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Trimming.SettingsAreRooted)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Trimming.SettingsAreRooted)]
    private static bool TryBindValue(Type type, object? current, SettingNode node, string path, ErrorList errors, bool partial, out object? value)
    {
        value = null;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(ChartValues))
        {
            // Free-form by design: the chart's values.schema.json judges them, when the environment is loaded.
            try
            {
                value = ChartValues.Bind(node, current as ChartValues);
                return true;
            }
            catch (InputException e)
            {
                errors.AddRange(e.Errors);
                return false;
            }
        }

        if (ScalarType.For(underlying) is { } scalar)
        {
            // Setting values end up in object fields, command lines and line-oriented config files, where a line break
            // or ESC would add a line nobody wrote or drive a terminal; no scalar type takes them (a type that one day
            // does, such as multi-line text, says so here).
            if (node is ScalarNode { Text: var written } && Unprintable.IndexIn(written) is var at and >= 0)
            {
                errors.Add(node.Location, $"{path}: {Unprintable.Describe(written[at])} in {node.Describe()}; expected {scalar.Expected} on one line, without control characters");
                return false;
            }

            object? parsed;
            try
            {
                parsed = node is ScalarNode { IsNull: false } text ? scalar.Parse(text) : null;
            }
            catch (OverflowException)
            {
                errors.Add(node.Location, $"{path}: {node.Describe()} is out of range (too large to represent); expected {scalar.Expected}");
                return false;
            }

            if (parsed is not null)
            {
                value = parsed;
                return true;
            }

            errors.Add(node.Location, $"{path}: expected {scalar.Expected}, got {node.Describe()}");
            return false;
        }

        if (SettingProperties.DictionaryValueType(underlying) is { } valueType)
        {
            if (node is not MappingNode mapping)
            {
                errors.Add(node.Location, $"{path}: expected a mapping of {SettingProperties.Describe(valueType)} values, got {node.Describe()}");
                return false;
            }

            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
            if (current is IEnumerable existing)
            {
                foreach (var pair in existing)
                {
                    var key = (string)pair.GetType().GetProperty("Key")!.GetValue(pair)!;
                    dictionary[key] = pair.GetType().GetProperty("Value")!.GetValue(pair);
                }
            }

            var ok = true;
            foreach (var entry in mapping.Entries)
            {
                if (Unprintable.IndexIn(entry.Key) is var at and >= 0)
                {
                    errors.Add(entry.KeyLocation, $"{path}: {Unprintable.Describe(entry.Key[at])} in the key '{entry.Key}'; expected a key on one line, without control characters");
                    ok = false;
                    continue;
                }

                if (TryBindValue(valueType, dictionary.Contains(entry.Key) ? dictionary[entry.Key] : null, entry.Value, $"{path}.{entry.Key}", errors, partial, out var item))
                {
                    dictionary[entry.Key] = item;
                }
                else
                {
                    ok = false;
                }
            }

            value = dictionary;
            return ok;
        }

        if (SettingProperties.ListItemType(underlying) is { } itemType)
        {
            if (node is not SequenceNode sequence)
            {
                errors.Add(node.Location, $"{path}: expected a list of {SettingProperties.Describe(itemType)}, got {node.Describe()}");
                return false;
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            var ok = true;
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                // A list replaces the lists of earlier layers whole, so its items are complete even in a partial layer.
                if (TryBindValue(itemType, null, sequence.Items[i], $"{path}[{i}]", errors, partial: false, out var item))
                {
                    list.Add(item);
                }
                else
                {
                    ok = false;
                }
            }

            value = list;
            return ok;
        }

        if (SettingProperties.IsRecord(underlying))
        {
            if (node is not MappingNode mapping)
            {
                errors.Add(node.Location, $"{path}: expected a mapping with keys {string.Join(", ", SettingProperties.Of(underlying).Keys)}, got {node.Describe()}");
                return false;
            }

            value = BindRecord(underlying, current, mapping, path, errors, partial);
            return true;
        }

        throw new InvalidOperationException($"settings type {type} of {path} is not supported by the binder");
    }

    private static bool CheckRange(SettingProperty property, object? value, SettingNode node, string path, ErrorList errors)
    {
        if (property.Range is not { } range || value is null)
        {
            return true;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        if (number >= minimum && number <= maximum)
        {
            return true;
        }

        var bounds = maximum >= int.MaxValue ? $"at least {range.Minimum}" : $"from {range.Minimum} to {range.Maximum}";
        errors.Add(node.Location, $"{path}: expected an integer {bounds}, got {node.Describe()}");
        return false;
    }

    private static bool CheckMinimumVersion(SettingProperty property, object? value, SettingNode node, string path, ErrorList errors)
    {
        if (property.MinimumVersion is not { } minimum || MinimumVersionAttribute.Of(value) is not { } version || version >= minimum.Minimum)
        {
            return true;
        }

        errors.Add(node.Location, $"{path}: expected {minimum.Program} {minimum.Minimum} or later ({minimum.Reason}), got {node.Describe()}");
        return false;
    }

    private static bool CheckPattern(SettingProperty property, object? value, SettingNode node, string path, ErrorList errors)
    {
        if (property.Pattern is not { } pattern || value is not string text || pattern.IsValid(text))
        {
            return true;
        }

        errors.Add(node.Location, $"{path}: expected {pattern.ErrorMessage ?? $"a string matching {pattern.Pattern}"}, got {node.Describe()}");
        return false;
    }

    private static void Index(SettingNode node, string path, Dictionary<string, SettingNode> index)
    {
        index[path] = node;
        if (node is MappingNode mapping)
        {
            foreach (var entry in mapping.Entries)
            {
                Index(entry.Value, $"{path}.{entry.Key}", index);
            }
        }
    }

    private static void DescribeRecord(Type type, object? record, string path, Dictionary<string, SettingNode> index, List<SettingValue> leaves)
    {
        foreach (var property in SettingProperties.Of(type).Properties)
        {
            DescribeValue(property.Type, record is null ? null : property.GetValue(record), $"{path}.{property.Key}", index, leaves);
        }
    }

    private static void DescribeValue(Type type, object? value, string path, Dictionary<string, SettingNode> index, List<SettingValue> leaves)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (value is ChartValues chartValues)
        {
            DescribeChartValues(chartValues, path, index, leaves);
            return;
        }

        if (value is null && SettingProperties.IsRecord(underlying) && ScalarType.For(underlying) is null
            && SettingProperties.DictionaryValueType(underlying) is null && SettingProperties.ListItemType(underlying) is null)
        {
            DescribeRecord(underlying, null, path, index, leaves);
            return;
        }

        if (value is not null && ScalarType.For(underlying) is null)
        {
            if (SettingProperties.DictionaryValueType(underlying) is { } valueType && ((ICollection)value).Count > 0)
            {
                foreach (DictionaryEntry pair in (IDictionary)value)
                {
                    DescribeValue(valueType, pair.Value, $"{path}.{pair.Key}", index, leaves);
                }

                return;
            }

            if (SettingProperties.DictionaryValueType(underlying) is null && SettingProperties.ListItemType(underlying) is null)
            {
                DescribeRecord(underlying, value, path, index, leaves);
                return;
            }
        }

        var shown = Display(underlying, value);
        var typeName = SettingProperties.Describe(underlying);
        if (index.TryGetValue(path, out var node))
        {
            var overrode = new List<SourceLocation>();
            for (var previous = node.Overrides; previous is not null; previous = previous.Overrides)
            {
                overrode.Add(previous.Location);
            }

            overrode.Add(SourceLocation.CodeDefault);
            leaves.Add(new SettingValue(path, typeName, shown, node.Location, overrode));
        }
        else
        {
            leaves.Add(new SettingValue(path, typeName, shown, SourceLocation.CodeDefault, []));
        }
    }

    /// <summary>Each chart value, as a setting of its own: where it was written and what it overrode (a layer, the code default).</summary>
    private static void DescribeChartValues(ChartValues values, string path, Dictionary<string, SettingNode> index, List<SettingValue> leaves)
    {
        var type = values.Chart is null ? "chart value" : $"value of chart {values.Chart}";
        foreach (var (pointer, value, location) in values.Leaves())
        {
            var leafPath = pointer.Length == 0 ? path : $"{path}.{ChartValues.Dotted(pointer)}";
            var shown = value switch
            {
                null => "(none)",
                JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => text.GetValue<string>(),
                _ => value.ToJsonString(),
            };
            var overrode = new List<SourceLocation>();
            for (var previous = index.GetValueOrDefault(leafPath)?.Overrides; previous is not null; previous = previous.Overrides)
            {
                overrode.Add(previous.Location);
            }

            // What the chart's values.yaml says underneath is not listed: only a value the code also set was overridden here.
            if (!location.IsCodeDefault && values.IsSetInCode(pointer))
            {
                overrode.Add(SourceLocation.CodeDefault);
            }

            leaves.Add(new SettingValue(leafPath, type, shown, location, overrode));
        }
    }

    private static string Display(Type type, object? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        if (ScalarType.For(type) is { } scalar)
        {
            return scalar.Display(value);
        }

        if (SettingProperties.ListItemType(type) is { } itemType)
        {
            return "[" + string.Join(", ", ((IEnumerable)value).Cast<object?>().Select(item => Display(itemType, item))) + "]";
        }

        if (SettingProperties.DictionaryValueType(type) is not null)
        {
            return "{}";
        }

        return "{" + string.Join(", ", SettingProperties.Of(type).Properties.Select(p => $"{p.Key}: {Display(Nullable.GetUnderlyingType(p.Type) ?? p.Type, p.GetValue(value))}")) + "}";
    }
}
