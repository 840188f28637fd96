using System.Text.Json.Nodes;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Charts;

/// <summary>
/// Values for a chart, as JSON (what helm reads, what values.schema.json validates), with where each value and key was
/// written (an environment file's line and column, a chart's values.yaml), so a problem found in the JSON is reported
/// where the user wrote it. Paths are JSON pointers ("/auth/username", "/extraEnv/0").
/// </summary>
public sealed record ChartValues
{
    private readonly Dictionary<string, SourceLocation> _values;
    private readonly Dictionary<string, SourceLocation> _keys;

    private ChartValues(JsonObject json, Dictionary<string, SourceLocation> values, Dictionary<string, SourceLocation> keys)
    {
        Json = json;
        _values = values;
        _keys = keys;
    }

    public JsonObject Json { get; }

    /// <summary>
    /// The vendored chart the values are for, when a settings record says so (<see cref="For"/>): the environment's
    /// values are then checked against the chart's values.schema.json when the environment is loaded.
    /// </summary>
    public string? Chart { get; private init; }

    public static ChartValues Empty => new([], new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    // The values For was given in code, kept through binding: what explain says an environment's value overrode.
    private JsonObject? CodeDefaults { get; init; }

    /// <summary>
    /// A settings property's default: values for the vendored chart <paramref name="chart"/>, with
    /// <paramref name="defaults"/> given in code under what environment files write (and over the chart's values.yaml).
    /// </summary>
    public static ChartValues For(string chart, JsonObject? defaults = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chart);
        return (defaults is null ? Empty : FromJson(defaults, SourceLocation.CodeDefault)) with { Chart = chart, CodeDefaults = defaults };
    }

    /// <summary>
    /// Values read from YAML with positions (a stack's values in an environment file, a chart's values.yaml). Scalars
    /// are typed as YAML 1.2's core schema does: null, true/false, integers and floats when plain, strings otherwise.
    /// </summary>
    /// <exception cref="InputException">The node is not a mapping.</exception>
    public static ChartValues From(SettingNode? node)
    {
        var values = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var keys = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        switch (node)
        {
            case null:
            case ScalarNode { IsNull: true }:
                return Empty;
            case MappingNode mapping:
                return new ChartValues((JsonObject)Convert(mapping, "", values, keys)!, values, keys);
            default:
                throw new InputException(node.Location, $"expected a mapping of chart values, got {node.Describe()}");
        }
    }

    /// <summary>Values given in code: every problem with them is located at <paramref name="location"/>.</summary>
    public static ChartValues FromJson(JsonObject json, SourceLocation location) =>
        new((JsonObject)json.DeepClone(), new(StringComparer.Ordinal) { [""] = location }, new(StringComparer.Ordinal));

    /// <summary>
    /// The values an environment's settings give, over <paramref name="current"/> (the setting's value so far: its
    /// default in code, with the chart it is for).
    /// </summary>
    /// <exception cref="InputException">The node is not a mapping.</exception>
    public static ChartValues Bind(SettingNode node, ChartValues? current) =>
        current is null ? From(node) : From(node).Over(current) with { Chart = current.Chart, CodeDefaults = current.CodeDefaults };

    /// <summary>Whether the values given in code (<see cref="For"/>) set the value at the JSON pointer <paramref name="path"/>.</summary>
    public bool IsSetInCode(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)CodeDefaults, (node, segment) => node is JsonObject mapping
            ? mapping[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
            : node is JsonArray sequence && int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < sequence.Count ? sequence[i] : null) is not null;

    /// <summary>
    /// Every value that is not a mapping (scalars and lists, as a user reads them in YAML), by JSON pointer, with where it
    /// was written: what `stackgen explain` lists.
    /// </summary>
    public IEnumerable<(string Path, JsonNode? Value, SourceLocation Location)> Leaves()
    {
        var pending = new Stack<(string Path, JsonNode? Node)>([("", Json)]);
        var leaves = new List<(string, JsonNode?, SourceLocation)>();
        while (pending.TryPop(out var next))
        {
            if (next.Node is JsonObject { Count: > 0 } mapping)
            {
                foreach (var (key, value) in mapping)
                {
                    pending.Push((PathOf(next.Path, key), value));
                }
            }
            else
            {
                leaves.Add((next.Path, next.Node, LocationOf(next.Path) ?? SourceLocation.CodeDefault));
            }
        }

        return leaves.OrderBy(l => l.Item1, StringComparer.Ordinal);
    }

    /// <summary>Where the value at <paramref name="path"/> was written, or its nearest ancestor's; null when unknown.</summary>
    public SourceLocation? LocationOf(string path)
    {
        for (; ; path = path[..path.LastIndexOf('/')])
        {
            if (_values.TryGetValue(path, out var location))
            {
                return location;
            }

            if (path.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Where the key ending <paramref name="path"/> was written (else where its value was).</summary>
    public SourceLocation? KeyLocationOf(string path) => _keys.TryGetValue(path, out var location) ? location : LocationOf(path);

    /// <summary>
    /// These values over a chart's defaults, as helm coalesces them: mappings merge key by key, a null removes the
    /// default, anything else replaces it. Each value keeps the location of the side it came from.
    /// </summary>
    public ChartValues Over(ChartValues defaults)
    {
        var values = new Dictionary<string, SourceLocation>(defaults._values, StringComparer.Ordinal);
        var keys = new Dictionary<string, SourceLocation>(defaults._keys, StringComparer.Ordinal);
        var json = (JsonObject)defaults.Json.DeepClone();
        Merge(json, Json, "", values, keys);
        return new ChartValues(json, values, keys);
    }

    /// <summary>"/auth/username" as a dotted path, "auth.username"; "/extraEnv/0" is "extraEnv[0]".</summary>
    public static string Dotted(string path) =>
        string.Concat(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select((segment, i) =>
        {
            var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            return key.All(char.IsAsciiDigit) ? $"[{key}]" : i == 0 ? key : $".{key}";
        }));

    public static string PathOf(string parent, string key) =>
        $"{parent}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    private void Merge(JsonObject into, JsonObject from, string path, Dictionary<string, SourceLocation> values, Dictionary<string, SourceLocation> keys)
    {
        foreach (var (key, value) in from)
        {
            var pointer = PathOf(path, key);
            if (value is JsonObject mapping && into[key] is JsonObject existing)
            {
                Copy(pointer, values, keys, subtree: false);
                Merge(existing, mapping, pointer, values, keys);
                continue;
            }

            foreach (var stale in values.Keys.Where(p => p == pointer || p.StartsWith(pointer + "/", StringComparison.Ordinal)).ToArray())
            {
                values.Remove(stale);
                keys.Remove(stale);
            }

            if (value is null)
            {
                into.Remove(key);
                continue;
            }

            into[key] = value.DeepClone();
            Copy(pointer, values, keys, subtree: true);
        }
    }

    private void Copy(string at, Dictionary<string, SourceLocation> values, Dictionary<string, SourceLocation> keys, bool subtree)
    {
        foreach (var (path, location) in _values.Where(e => e.Key == at || (subtree && e.Key.StartsWith(at + "/", StringComparison.Ordinal))))
        {
            values[path] = location;
        }

        foreach (var (path, location) in _keys.Where(e => e.Key == at || (subtree && e.Key.StartsWith(at + "/", StringComparison.Ordinal))))
        {
            keys[path] = location;
        }
    }

    private static JsonNode? Convert(SettingNode node, string path, Dictionary<string, SourceLocation> values, Dictionary<string, SourceLocation> keys)
    {
        values[path] = node.Location;
        switch (node)
        {
            case MappingNode mapping:
                var json = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    var pointer = PathOf(path, entry.Key);
                    keys[pointer] = entry.KeyLocation;
                    json[entry.Key] = Convert(entry.Value, pointer, values, keys);
                }

                return json;
            case SequenceNode sequence:
                return new JsonArray([.. sequence.Items.Select((item, i) => Convert(item, $"{path}/{i}", values, keys))]);
            case ScalarNode scalar:
                return scalar.ToJsonValue();
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }
}
