using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Charts;

/// <summary>
/// Strict chart values, where the chart ships values.schema.json: the values given, over the chart's defaults
/// (values.yaml), must satisfy the schema, and every key given must be one the chart knows (its schema's properties or
/// its values.yaml) unless it sits in a mapping the chart leaves open (an empty default, or additionalProperties). A
/// misspelt key is an error where it was written, with a did-you-mean. A chart without a schema takes any values.
/// </summary>
public static class ChartValuesSchema
{
    public const string SchemaFile = "values.schema.json";
    public const string DefaultsFile = "values.yaml";

    /// <summary>Every problem with the values for the chart, located where each was written; empty when they are valid.</summary>
    public static IReadOnlyList<InputError> Check(VendoredChart chart, ChartValues values)
    {
        var schemaPath = Path.Combine(chart.Directory, SchemaFile);
        if (!File.Exists(schemaPath))
        {
            return [];
        }

        InitializeJsonSchemaNet(null);
        var schemaShown = $"{chart.Shown}/{SchemaFile}";
        JsonNode? schemaJson;
        JsonSchema schema;
        try
        {
            schemaJson = JsonNode.Parse(File.ReadAllText(schemaPath));
            schema = JsonSchema.FromText(WithKnownDialect(schemaJson), Draft07);
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException or FormatException)
        {
            return [new InputError(SourceLocation.File(schemaShown), $"is not a JSON Schema StackGen can read ({e.Message.TrimEnd('.')}); the chart's values cannot be checked")];
        }

        var defaultsPath = Path.Combine(chart.Directory, DefaultsFile);
        var defaults = File.Exists(defaultsPath) ? ChartValues.From(YamlLayerReader.ReadFile(defaultsPath, $"{chart.Shown}/{DefaultsFile}")) : ChartValues.Empty;
        var errors = new List<InputError>();
        var unknown = new List<string>();
        var open = new HashSet<string>(chart.Lock.Dependencies.Select(d => d.Name).Append("global"), StringComparer.Ordinal);
        Keys(chart, values, values.Json, defaults.Json, schemaJson, schemaJson, "", open, errors, unknown);

        var merged = values.Over(defaults);
        using var instance = JsonDocument.Parse(merged.Json.ToJsonString());
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
            {
                var at = detail.InstanceLocation.ToString();
                if (unknown.Any(u => at == u || at.StartsWith(u + "/", StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach (var (_, message) in detail.Errors!.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    var path = ChartValues.Dotted(at);
                    var line = $"{(path.Length == 0 ? "values" : path)}: {message.TrimEnd('.')} ({schemaShown})";
                    if (seen.Add(at + line))
                    {
                        errors.Add(new InputError(merged.LocationOf(at) ?? SourceLocation.File(schemaShown), line));
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// What a schema without a (known) $schema is read as: draft-07, what charts' schemas are written in, whose unknown
    /// keywords (Bitnami's "form", "render", "sliderMin") are annotations, not errors.
    /// </summary>
    private static readonly BuildOptions Draft07 = Draft07Options();

    private static BuildOptions Draft07Options()
    {
        InitializeJsonSchemaNet(null);
        return new() { Dialect = Dialect.Draft07.With([], null, null, allowUnknownKeywords: true) };
    }

    /// <summary>
    /// JsonSchema.Net's module initializer (its dialects and meta-schemas), run before the library is first used: the
    /// Native AOT build keeps it from running at every start of stackgen (src/StackGen.Cli/JsonSchemaNet.Substitutions.xml).
    /// It runs once (idempotent), so where the runtime has already run it (the JIT) this does nothing.
    /// </summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Initialize")]
    private static extern void InitializeJsonSchemaNet([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? initialization);

    /// <summary>
    /// The schema's text without a $schema that names no dialect the validator knows: charts often write
    /// "http://json-schema.org/schema#" (Bitnami's do), which helm accepts; it is read as <see cref="Draft07"/>.
    /// </summary>
    private static string WithKnownDialect(JsonNode? schema)
    {
        string[] known =
        [
            "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-07/schema",
            "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2020-12/schema",
        ];
        if (schema is JsonObject root && root["$schema"] is JsonValue dialect && dialect.TryGetValue<string>(out var uri) && !known.Contains(uri.TrimEnd('#')))
        {
            var copy = (JsonObject)root.DeepClone();
            copy.Remove("$schema");
            return copy.ToJsonString();
        }

        return schema?.ToJsonString() ?? "null";
    }

    /// <summary>Walks the values given beside the chart's schema and defaults, reporting keys the chart does not know.</summary>
    private static void Keys(
        VendoredChart chart,
        ChartValues values,
        JsonObject given,
        JsonNode? defaults,
        JsonNode? schema,
        JsonNode? root,
        string path,
        HashSet<string> openAtTop,
        List<InputError> errors,
        List<string> unknown)
    {
        schema = Resolve(schema, root);
        var properties = schema?["properties"] as JsonObject;
        var defaultKeys = (defaults as JsonObject)?.Select(p => p.Key) ?? [];
        var known = new HashSet<string>((properties?.Select(p => p.Key) ?? []).Concat(defaultKeys), StringComparer.Ordinal);
        var additional = schema?["additionalProperties"];
        var closed = known.Count > 0
            && schema?["patternProperties"] is null
            && (additional is null || additional.GetValueKind() == JsonValueKind.False);
        foreach (var (key, value) in given)
        {
            var child = ChartValues.PathOf(path, key);
            if (path.Length == 0 && openAtTop.Contains(key))
            {
                continue;
            }

            if (closed && !known.Contains(key))
            {
                unknown.Add(child);
                errors.Add(new InputError(
                    values.KeyLocationOf(child) ?? SourceLocation.File(chart.Shown),
                    $"{ChartValues.Dotted(child)}: chart {chart.Name} {chart.Version} has no such value{Suggestions.DidYouMean(key, known)} (its values.yaml and {SchemaFile} list {string.Join(", ", known.Order(StringComparer.Ordinal).Take(12))}{(known.Count > 12 ? ", ..." : "")})"));
                continue;
            }

            if (value is JsonObject mapping)
            {
                var subschema = properties?[key] ?? (additional is JsonObject ? additional : null);
                Keys(chart, values, mapping, (defaults as JsonObject)?[key], subschema, root, child, openAtTop, errors, unknown);
            }
        }
    }

    /// <summary>A schema node with a local $ref ("#/definitions/x", "#/$defs/x") followed; anything else as it is.</summary>
    private static JsonNode? Resolve(JsonNode? schema, JsonNode? root)
    {
        for (var hops = 0; hops < 16 && schema?["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            schema = target[2..].Split('/').Aggregate(root, (node, segment) => node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return schema;
    }
}
