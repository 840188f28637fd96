using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StackGen.Validation.Schemas;

/// <summary>
/// One node of a CRD version's <c>openAPIV3Schema</c>: the subset of OpenAPI v3 that Kubernetes' structural schemas
/// allow, with the <c>x-kubernetes-*</c> extensions that change what a value may be. Read once from JSON; immutable.
/// </summary>
public sealed class StructuralSchema
{
    private readonly Lazy<Regex?> _pattern;

    private StructuralSchema(JsonObject json)
    {
        Type = Text(json, "type");
        Format = Text(json, "format");
        Nullable = Flag(json, "nullable");
        PreservesUnknownFields = Flag(json, "x-kubernetes-preserve-unknown-fields");
        IntOrString = Flag(json, "x-kubernetes-int-or-string");
        EmbeddedResource = Flag(json, "x-kubernetes-embedded-resource");
        HasDefault = json.ContainsKey("default");
        Properties = (json["properties"] as JsonObject ?? []).Where(p => p.Value is JsonObject)
            .ToDictionary(p => p.Key, p => new StructuralSchema((JsonObject)p.Value!), StringComparer.Ordinal);
        Items = json["items"] is JsonObject items ? new StructuralSchema(items) : null;
        AdditionalProperties = json["additionalProperties"] is JsonObject additional ? new StructuralSchema(additional) : null;
        AllowsAdditionalProperties = json["additionalProperties"] is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.True;
        Required = Strings(json, "required");
        Enum = json["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : [];
        Pattern = Text(json, "pattern");
        Minimum = Number(json, "minimum");
        Maximum = Number(json, "maximum");
        ExclusiveMinimum = Flag(json, "exclusiveMinimum");
        ExclusiveMaximum = Flag(json, "exclusiveMaximum");
        MinLength = Number(json, "minLength");
        MaxLength = Number(json, "maxLength");
        MinItems = Number(json, "minItems");
        MaxItems = Number(json, "maxItems");
        MinProperties = Number(json, "minProperties");
        MaxProperties = Number(json, "maxProperties");
        AllOf = Schemas(json, "allOf");
        AnyOf = Schemas(json, "anyOf");
        OneOf = Schemas(json, "oneOf");
        Not = json["not"] is JsonObject not ? new StructuralSchema(not) : null;
        ListType = Text(json, "x-kubernetes-list-type");
        ListMapKeys = Strings(json, "x-kubernetes-list-map-keys");
        CelRules = json["x-kubernetes-validations"] is JsonArray rules ? rules.Count : 0;
        _pattern = new Lazy<Regex?>(() => Compile(Pattern));
    }

    /// <summary>object, array, string, integer, number, boolean; null when the schema leaves it open.</summary>
    public string? Type { get; }

    public string? Format { get; }

    public bool Nullable { get; }

    /// <summary><c>x-kubernetes-preserve-unknown-fields</c>: fields the schema does not list are kept, not pruned.</summary>
    public bool PreservesUnknownFields { get; }

    /// <summary><c>x-kubernetes-int-or-string</c>: an integer or a string.</summary>
    public bool IntOrString { get; }

    /// <summary><c>x-kubernetes-embedded-resource</c>: an object with its own apiVersion, kind and metadata.</summary>
    public bool EmbeddedResource { get; }

    /// <summary>The API server fills the value in when it is missing, so a required field with a default is never missing.</summary>
    public bool HasDefault { get; }

    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; }

    public StructuralSchema? Items { get; }

    /// <summary>The schema of a map's values (<c>additionalProperties</c> as a schema).</summary>
    public StructuralSchema? AdditionalProperties { get; }

    /// <summary><c>additionalProperties: true</c>.</summary>
    public bool AllowsAdditionalProperties { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<JsonNode?> Enum { get; }

    public string? Pattern { get; }

    /// <summary>The pattern as a .NET regular expression (null without one, or when .NET cannot read it).</summary>
    public Regex? PatternRegex => _pattern.Value;

    public double? Minimum { get; }

    public double? Maximum { get; }

    public bool ExclusiveMinimum { get; }

    public bool ExclusiveMaximum { get; }

    public double? MinLength { get; }

    public double? MaxLength { get; }

    public double? MinItems { get; }

    public double? MaxItems { get; }

    public double? MinProperties { get; }

    public double? MaxProperties { get; }

    public IReadOnlyList<StructuralSchema> AllOf { get; }

    public IReadOnlyList<StructuralSchema> AnyOf { get; }

    public IReadOnlyList<StructuralSchema> OneOf { get; }

    public StructuralSchema? Not { get; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic, set (items unique) or map (items unique by <see cref="ListMapKeys"/>).</summary>
    public string? ListType { get; }

    public IReadOnlyList<string> ListMapKeys { get; }

    /// <summary>How many CEL rules (<c>x-kubernetes-validations</c>) this node has: the API server runs them, StackGen cannot.</summary>
    public int CelRules { get; }

    public static StructuralSchema Read(JsonObject json) => new(json);

    /// <summary>
    /// The schema's regular expression. Kubernetes matches with Go's RE2, which has no backtracking; .NET's
    /// non-backtracking engine accepts the same constructs and, like RE2, runs in time linear in the input.
    /// </summary>
    private static Regex? Compile(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // Go-only syntax (such as (?P<name>...)) is not checked rather than guessed at; a test keeps every pattern in
            // crds/ readable, and the README says a pattern .NET cannot read goes unchecked.
            return null;
        }
    }

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool Flag(JsonObject json, string key) => json[key] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static double? Number(JsonObject json, string key) =>
        json[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string[] Strings(JsonObject json, string key) =>
        json[key] is JsonArray values ? [.. values.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())] : [];

    private static StructuralSchema[] Schemas(JsonObject json, string key) =>
        json[key] is JsonArray branches ? [.. branches.OfType<JsonObject>().Select(b => new StructuralSchema(b))] : [];
}
