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

    // Each embedded file is parsed on first use, and only when a render has a resource of the kind it defines (a render
    // without custom resources parses none): Gateway API's six files take tens of milliseconds together.
    private static readonly ConcurrentDictionary<string, Lazy<DefinedKind?>> Parsed = new(StringComparer.Ordinal);

    // The repository's definition of each (group, kind) asked for, found once per process.
    private static readonly ConcurrentDictionary<(string Group, string Kind), Lazy<DefinedKind?>> Found = new();

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
        _rendered.GetValueOrDefault((group, kind))
        ?? Found.GetOrAdd((group, kind), key => new Lazy<DefinedKind?>(() => FindInRepository(key.Group, key.Kind))).Value;

    /// <summary>
    /// Parses only the files that name the kind on a line of their own (as spec.names.kind does), or all of the group's
    /// when none does (a kind written in quotes).
    /// </summary>
    private static DefinedKind? FindInRepository(string group, string kind)
    {
        var files = GroupFiles(group).ToArray();
        var naming = files.Where(f => Names(f, kind)).ToArray();
        return Kinds(naming.Length > 0 ? naming : files, group).LastOrDefault(k => k.Kind == kind);
    }

    /// <summary>The kinds the repository's CRD files define in a group, oldest release first.</summary>
    public static IReadOnlyList<DefinedKind> InRepository(string group) => Kinds(GroupFiles(group), group);

    private static IEnumerable<string> GroupFiles(string group) =>
        RepositoryFiles.Where(f => f.StartsWith($"{ResourcePrefix}{group}/", StringComparison.Ordinal));

    private static DefinedKind[] Kinds(IEnumerable<string> files, string group) =>
        [.. files.OrderBy(f => Release(f), Comparer<Version>.Default)
            .ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => Parsed.GetOrAdd(f, name => new Lazy<DefinedKind?>(() => Read(ReadFile(name), name))).Value)
            .OfType<DefinedKind>()
            .Where(k => k.Group == group)];

    private static bool Names(string name, string kind)
    {
        var text = ResourceText(name);
        return text.Contains($"kind: {kind}\n", StringComparison.Ordinal) || text.Contains($"kind: {kind}\r\n", StringComparison.Ordinal);
    }

    private static string ResourceText(string name)
    {
        using var stream = typeof(DefinitionCatalog).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonObject ReadFile(string name) =>
        YamlJson.From(YamlLayerReader.Read(ResourceText(name), (line, column) => SourceLocation.InFile(name, line, column))) as JsonObject
            ?? throw new InvalidOperationException($"{name} is not a CustomResourceDefinition (not a mapping)");

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
