using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StackGen.Objects;
using StackGen.Tests.Support;

namespace StackGen.Tests.OpenApi;

/// <summary>
/// Strict validation of one rendered object against the official OpenAPI v2 spec of a Kubernetes minor version
/// (the swagger.json files the repository carries in tests/k8s-openapi/). Stricter than the API server on
/// purpose: unknown fields, nulls and malformed quantities are errors rather than silently dropped.
/// </summary>
public sealed partial class KubernetesSchema
{
    private const string DefinitionPrefix = "#/definitions/";
    private const string QuantityDefinition = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    // Tests run in parallel; each spec is parsed once per process (about 4 MB of JSON each).
    private static readonly ConcurrentDictionary<string, Lazy<KubernetesSchema>> Cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, JsonElement> _definitions = new(StringComparer.Ordinal);

    // "apiVersion|kind" (apiVersion "v1" for the core group, "apps/v1" otherwise) → definition name.
    private readonly Dictionary<string, string> _served = new(StringComparer.Ordinal);

    private KubernetesSchema(string minorVersion, JsonElement definitions)
    {
        MinorVersion = minorVersion;
        foreach (var definition in definitions.EnumerateObject())
        {
            _definitions.Add(definition.Name, definition.Value);
            if (!definition.Value.TryGetProperty("x-kubernetes-group-version-kind", out var kinds))
            {
                continue;
            }

            foreach (var gvk in kinds.EnumerateArray())
            {
                var group = gvk.GetProperty("group").GetString();
                var version = gvk.GetProperty("version").GetString();
                var apiVersion = string.IsNullOrEmpty(group) ? version : $"{group}/{version}";
                _served.TryAdd($"{apiVersion}|{gvk.GetProperty("kind").GetString()}", definition.Name);
            }
        }
    }

    /// <summary>The Kubernetes minor version this spec describes, e.g. "1.34".</summary>
    public string MinorVersion { get; }

    /// <summary>The spec of a Kubernetes minor version ("1.34"), read once per process and shared.</summary>
    public static KubernetesSchema Load(string minorVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(minorVersion);
        if (!MinorVersionPattern().IsMatch(minorVersion))
        {
            throw new ArgumentException($"expected a Kubernetes minor version like \"1.34\", got \"{minorVersion}\"", nameof(minorVersion));
        }

        return Cache.GetOrAdd(minorVersion, version => new Lazy<KubernetesSchema>(() => Read(version))).Value;
    }

    /// <summary>Every way the object departs from the spec, each as "Kind/name: path: problem"; empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is not JsonObject root)
        {
            return [$"document is {Describe(obj)}, not a Kubernetes object"];
        }

        var apiVersion = Text(root["apiVersion"]);
        var kind = Text(root["kind"]);
        var name = (root["metadata"] as JsonObject)?["name"];
        var errors = new List<string>();
        if (name is null || Text(name) == "")
        {
            errors.Add("metadata: missing required field \"name\"");
        }

        if (apiVersion is null || kind is null)
        {
            errors.Add("apiVersion and kind must both be strings");
        }
        else if (CustomResourceKinds.Find(apiVersion, kind) is not null)
        {
            // A custom kind of crds/: Kubernetes' own spec does not describe it; lint checks it against its CRD.
        }
        else if (!_served.TryGetValue($"{apiVersion}|{kind}", out var definition))
        {
            errors.Add($"apiVersion {apiVersion} kind {kind} is not served by Kubernetes {MinorVersion}");
        }
        else
        {
            Check(root, _definitions[definition], "", errors);
        }

        var subject = $"{kind ?? "?"}/{Text(name) ?? "?"}";
        return [.. errors.Select(error => $"{subject}: {error}")];
    }

    private static KubernetesSchema Read(string minorVersion)
    {
        var path = Repository.OpenApiSpec(minorVersion);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no OpenAPI spec for Kubernetes {minorVersion}: {path} does not exist", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);

        // Clone detaches the elements from the pooled document, so they outlive it and need no disposal.
        return new KubernetesSchema(minorVersion, document.RootElement.GetProperty("definitions").Clone());
    }

    private void Check(JsonNode? node, JsonElement schema, string path, List<string> errors)
    {
        var definition = "";
        while (schema.TryGetProperty("$ref", out var reference))
        {
            definition = reference.GetString()![DefinitionPrefix.Length..];
            schema = _definitions[definition];
        }

        var type = Text(schema, "type");
        var format = Text(schema, "format");
        var problem = node switch
        {
            null => "null is not allowed (omit the field instead)",
            _ when definition == QuantityDefinition || format == "quantity" => CheckQuantity(node),
            _ when format == "int-or-string" => IsInteger(node) || IsKind(node, JsonValueKind.String) ? null : Expected("integer or string", node),
            _ => type switch
            {
                "string" => CheckString(node, format),
                "integer" when !IsInteger(node) => Expected("integer", node),
                "integer" when format == "int32" && Number(node) is < int.MinValue or > int.MaxValue => $"{Number(node)} is out of range for int32",
                "number" when !IsKind(node, JsonValueKind.Number) => Expected("number", node),
                "boolean" when !IsKind(node, JsonValueKind.True) && !IsKind(node, JsonValueKind.False) => Expected("boolean", node),
                "array" => CheckArray(node, schema, path, errors),
                "object" => CheckObject(node, schema, path, errors),
                null when schema.TryGetProperty("properties", out _) => CheckObject(node, schema, path, errors),
                "integer" or "number" or "boolean" or null => null,
                _ => $"unsupported schema type \"{type}\"",
            },
        };

        if (problem is not null)
        {
            errors.Add(At(path, problem));
        }
    }

    private string? CheckArray(JsonNode node, JsonElement schema, string path, List<string> errors)
    {
        if (node is not JsonArray array)
        {
            return Expected("array", node);
        }

        if (schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }

        return null;
    }

    private string? CheckObject(JsonNode node, JsonElement schema, string path, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            return Expected("object", node);
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False;
        if (!hasProperties && !hasAdditional)
        {
            return null; // A free-form object such as RawExtension or FieldsV1.
        }

        foreach (var (key, value) in obj)
        {
            if (hasProperties && properties.TryGetProperty(key, out var property))
            {
                Check(value, property, Member(path, key), errors);
            }
            else if (hasAdditional)
            {
                Check(value, additional, Member(path, key), errors);
            }
            else
            {
                errors.Add(At(path, $"unknown field \"{key}\""));
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var field in required.EnumerateArray().Select(r => r.GetString()!).Where(f => !obj.ContainsKey(f)))
            {
                errors.Add(At(path, $"missing required field \"{field}\""));
            }
        }

        return null;
    }

    private static string? CheckString(JsonNode node, string? format) => Text(node) switch
    {
        null => Expected("string", node),
        var text when format == "byte" && !Convert.TryFromBase64String(text, new byte[text.Length], out _) => $"\"{text}\" is not base64",
        var text when format == "date-time" && !DateTimePattern().IsMatch(text) => $"\"{text}\" is not an RFC 3339 date-time",
        _ => null,
    };

    private static string? CheckQuantity(JsonNode node) => Text(node) switch
    {
        { } text => QuantityPattern().IsMatch(text) ? null : $"\"{text}\" is not a Kubernetes quantity",
        null when Number(node) is { } number => double.IsFinite(number) ? null : $"{number} is not a Kubernetes quantity",
        null => Expected("quantity (string or number)", node),
    };

    private static bool IsKind(JsonNode node, JsonValueKind kind) => node.GetValueKind() == kind;

    private static bool IsInteger(JsonNode node) => Number(node) is { } number && double.IsFinite(number) && Math.Floor(number) == number;

    private static double? Number(JsonNode node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // Values parsed from JSON hold a JsonElement, values built in code hold their CLR type.
        return value.TryGetValue(out double d) ? d
            : value.TryGetValue(out long l) ? l
            : value.TryGetValue(out int i) ? i
            : value.TryGetValue(out decimal m) ? (double)m
            : value.TryGetValue(out float f) ? f
            : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue(out string? text) ? text : null;

    private static string? Text(JsonElement schema, string property) =>
        schema.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Expected(string expected, JsonNode node) => $"expected {expected}, got {Describe(node)}";

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"string {node.ToJsonString()}",
        JsonValueKind.Number => $"number {Number(node)?.ToString(CultureInfo.InvariantCulture)}",
        var kind => $"boolean {kind.ToString().ToLowerInvariant()}",
    };

    private static string Member(string path, string key)
    {
        var step = MemberPattern().IsMatch(key) ? key : $"[{JsonValue.Create(key).ToJsonString()}]";
        return path.Length == 0 || step[0] == '[' ? path + step : $"{path}.{step}";
    }

    private static string At(string path, string problem) => path.Length == 0 ? problem : $"{path}: {problem}";

    [GeneratedRegex(@"^1\.[0-9]+$")]
    private static partial Regex MinorVersionPattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex MemberPattern();

    // <signedNumber><suffix>, suffix one of binarySI, decimalSI or a decimal exponent (k8s.io/apimachinery resource.Quantity).
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex DateTimePattern();
}
