using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;

namespace StackGen.Validation.Schemas;

/// <summary>
/// The CustomResourceDefinitions a render's custom resources are checked against: the ones a stack renders itself
/// (they are what the cluster will have), then the repository's <c>crds/</c> files, which the engine carries as
/// embedded resources so the published binary needs nothing beside it.
/// </summary>
public sealed class DefinitionCatalog
{
    private const string ResourcePrefix = "crds/";

    // The embedded files, read per API group on first use: a render without custom resources never parses one.
    private static readonly ConcurrentDictionary<string, Lazy<DefinedKind[]>> Repository = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Group, string Kind), DefinedKind> _rendered = [];

    public DefinitionCatalog(IEnumerable<RenderedObject> objects)
    {
        foreach (var rendered in objects.Where(o => o.Kind == "CustomResourceDefinition" && KubernetesGroups.Split(o.ApiVersion).Group == "apiextensions.k8s.io"))
        {
            if (Read(KubernetesObjects.ToJson(rendered.Resource), rendered.Id) is { } kind)
            {
                _rendered.TryAdd((kind.Group, kind.Kind), kind);
            }
        }
    }

    /// <summary>The embedded CRD files, by their path in the repository (<c>crds/GROUP/RELEASE/FILE.yaml</c>).</summary>
    public static IReadOnlyList<string> RepositoryFiles { get; } =
        [.. typeof(DefinitionCatalog).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>The definition of a group's kind: the rendered one, else the repository's (its newest release when several define it).</summary>
    public DefinedKind? Find(string group, string kind) =>
        _rendered.GetValueOrDefault((group, kind)) ?? InRepository(group).LastOrDefault(k => k.Kind == kind);

    /// <summary>The kinds the repository's CRD files define in a group, oldest release first.</summary>
    public static IReadOnlyList<DefinedKind> InRepository(string group) =>
        Repository.GetOrAdd(group, g => new Lazy<DefinedKind[]>(() => Load(g))).Value;

    private static DefinedKind[] Load(string group) =>
        [.. RepositoryFiles.Where(f => f.StartsWith($"{ResourcePrefix}{group}/", StringComparison.Ordinal))
            .OrderBy(f => Release(f), Comparer<Version>.Default)
            .ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => Read(ReadFile(f), f))
            .OfType<DefinedKind>()
            .Where(k => k.Group == group)];

    private static JsonObject ReadFile(string name)
    {
        using var stream = typeof(DefinitionCatalog).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return YamlJson.From(YamlLayerReader.Read(reader.ReadToEnd(), (line, column) => SourceLocation.InFile(name, line, column))) as JsonObject
            ?? throw new InvalidOperationException($"{name} is not a CustomResourceDefinition (not a mapping)");
    }

    // crds/GROUP/v1.6.1/FILE → 1.6.1, so v0.10 sorts after v0.9.
    private static Version Release(string name)
    {
        var parts = name.Split('/');
        return parts.Length > 2 && Version.TryParse(parts[2].TrimStart('v').Split('-')[0], out var version) ? version : new Version(0, 0);
    }

    /// <summary>The kind a CRD object defines, or null when it does not name a group and kind.</summary>
    public static DefinedKind? Read(JsonObject crd, string source)
    {
        if (crd["spec"] is not JsonObject spec || Text(spec["group"]) is not { } group || Text(spec["names"]?["kind"]) is not { } kind)
        {
            return null;
        }

        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => Text(v["name"]) is not null)
            .Select(v => new DefinedVersion(
                Text(v["name"])!,
                v["served"] is JsonValue served && served.GetValueKind() == JsonValueKind.True,
                v["schema"]?["openAPIV3Schema"] is JsonObject schema ? StructuralSchema.Read(schema) : null));
        return new DefinedKind(group, kind, source, [.. versions]);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
