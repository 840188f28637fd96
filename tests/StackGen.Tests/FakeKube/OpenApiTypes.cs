using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using StackGen.Tests.Support;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The list and map semantics of the built-in kinds, read from the official OpenAPI spec of one Kubernetes minor
/// version (tests/k8s-openapi/), the same extensions the real API server feeds to server-side apply:
/// x-kubernetes-list-type / -list-map-keys / -map-type, falling back to the strategic-merge patch strategy the
/// way kube-openapi's schema conversion does.
/// </summary>
internal sealed class OpenApiTypes
{
    private const string DefinitionPrefix = "#/definitions/";
    private const string QuantityDefinition = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    // Each spec is about 4 MB of JSON; servers in parallel tests share one parse per version.
    private static readonly ConcurrentDictionary<string, Lazy<OpenApiTypes>> Cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, JsonElement> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TypeSchema> _named = new(StringComparer.Ordinal);

    private OpenApiTypes(JsonElement definitions)
    {
        foreach (var definition in definitions.EnumerateObject())
        {
            _definitions.Add(definition.Name, definition.Value);
            if (definition.Value.TryGetProperty("x-kubernetes-group-version-kind", out var kinds))
            {
                foreach (var gvk in kinds.EnumerateArray())
                {
                    _kinds.TryAdd(KindKey(Text(gvk, "group") ?? "", Text(gvk, "version") ?? "", Text(gvk, "kind") ?? ""), definition.Name);
                }
            }
        }
    }

    public static OpenApiTypes Load(string minorVersion) =>
        Cache.GetOrAdd(minorVersion, version => new Lazy<OpenApiTypes>(() => Read(version))).Value;

    /// <summary>The schema of a kind, or <see cref="TypeSchema.Untyped"/> when the spec does not describe it.</summary>
    public TypeSchema ForKind(ResourceType type) =>
        _kinds.TryGetValue(KindKey(type.Group, type.Version, type.Kind), out var definition) ? Named(definition) : TypeSchema.Untyped;

    private static string KindKey(string group, string version, string kind) => $"{group}/{version}/{kind}";

    private static OpenApiTypes Read(string minorVersion)
    {
        var path = Repository.OpenApiSpec(minorVersion);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no OpenAPI spec for Kubernetes {minorVersion}: {path} does not exist", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return new OpenApiTypes(document.RootElement.GetProperty("definitions").Clone());
    }

    private TypeSchema Named(string definition) => _named.GetOrAdd(definition, name => Build(_definitions[name], name, default));

    private TypeSchema Resolve(JsonElement schema)
    {
        var extensions = Extensions.Of(schema);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()![DefinitionPrefix.Length..];
            return extensions.IsEmpty ? Named(name) : Build(_definitions[name], name, extensions);
        }

        return Build(schema, Text(schema, "type") ?? "untyped", default);
    }

    private TypeSchema Build(JsonElement schema, string name, Extensions overrides)
    {
        var extensions = overrides.Over(Extensions.Of(schema));
        var type = Text(schema, "type");
        if (schema.TryGetProperty("properties", out var properties))
        {
            var additional = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object ? extra : (JsonElement?)null;
            return new TypeSchema(
                TypeSchema.Shape.Struct,
                ShortName(name),
                atomic: extensions.MapType == "atomic",
                field: field => properties.TryGetProperty(field, out var property) ? Resolve(property)
                    : additional is { } values ? Resolve(values)
                    : null);
        }

        return type switch
        {
            "object" when schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object =>
                new TypeSchema(TypeSchema.Shape.Map, ShortName(name), atomic: extensions.MapType == "atomic", element: () => Resolve(values)),
            "array" => new TypeSchema(
                TypeSchema.Shape.List,
                ShortName(name),
                list: extensions.ListType,
                keys: extensions.Keys,
                patchStrategy: extensions.PatchStrategy,
                patchMergeKey: extensions.PatchMergeKey,
                element: () => schema.TryGetProperty("items", out var items) ? Resolve(items) : TypeSchema.Untyped),
            "string" when name == QuantityDefinition => new TypeSchema(TypeSchema.Shape.Scalar, "Quantity", TypeSchema.ScalarType.Quantity),
            "string" when Text(schema, "format") == "int-or-string" => new TypeSchema(TypeSchema.Shape.Scalar, "IntOrString", TypeSchema.ScalarType.IntOrString),
            "string" => new TypeSchema(TypeSchema.Shape.Scalar, "string", TypeSchema.ScalarType.String),
            "integer" => new TypeSchema(TypeSchema.Shape.Scalar, Text(schema, "format") ?? "integer", TypeSchema.ScalarType.Integer),
            "number" => new TypeSchema(TypeSchema.Shape.Scalar, "number", TypeSchema.ScalarType.Number),
            "boolean" => new TypeSchema(TypeSchema.Shape.Scalar, "boolean", TypeSchema.ScalarType.Boolean),
            _ => TypeSchema.Untyped,
        };
    }

    private static string ShortName(string definition) => definition[(definition.LastIndexOf('.') + 1)..];

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The x-kubernetes-* extensions of one schema node; a property's own override its definition's.</summary>
    private readonly record struct Extensions(string? ListTypeName, IReadOnlyList<string>? ListKeys, string? MapType, string? PatchStrategy, string? PatchMergeKey)
    {
        public bool IsEmpty => ListTypeName is null && ListKeys is null && MapType is null && PatchStrategy is null && PatchMergeKey is null;

        public IReadOnlyList<string> Keys => ListType == TypeSchema.ListType.Map ? ListKeys ?? (PatchMergeKey is null ? [] : [PatchMergeKey]) : [];

        /// <summary>As kube-openapi converts it: the declared list type, else "merge" with a key is a map, "merge" alone a set.</summary>
        public TypeSchema.ListType ListType => ListTypeName switch
        {
            "map" => TypeSchema.ListType.Map,
            "set" => TypeSchema.ListType.Set,
            "atomic" => TypeSchema.ListType.Atomic,
            _ when PatchStrategy?.Split(',').Contains("merge") == true => PatchMergeKey is null ? TypeSchema.ListType.Set : TypeSchema.ListType.Map,
            _ => TypeSchema.ListType.Atomic,
        };

        public static Extensions Of(JsonElement schema) => new(
            Text(schema, "x-kubernetes-list-type"),
            schema.TryGetProperty("x-kubernetes-list-map-keys", out var keys) ? [.. keys.EnumerateArray().Select(key => key.GetString()!)] : null,
            Text(schema, "x-kubernetes-map-type"),
            Text(schema, "x-kubernetes-patch-strategy"),
            Text(schema, "x-kubernetes-patch-merge-key"));

        public Extensions Over(Extensions definition) => new(
            ListTypeName ?? definition.ListTypeName,
            ListKeys ?? definition.ListKeys,
            MapType ?? definition.MapType,
            PatchStrategy ?? definition.PatchStrategy,
            PatchMergeKey ?? definition.PatchMergeKey);
    }
}
