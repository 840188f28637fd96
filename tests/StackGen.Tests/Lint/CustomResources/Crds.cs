using System.Text.Json.Nodes;
using StackGen.Validation.Schemas;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>The real CRDs in crds/, as the engine carries them, and the validator's verdict on an object written as JSON.</summary>
internal static class Crds
{
    public static DefinedKind Kind(string group, string kind) => DefinitionCatalog.InRepository(group).Single(k => k.Kind == kind);

    /// <summary>The schema of the CRD version an apiVersion names ("monitoring.coreos.com/v1").</summary>
    public static StructuralSchema Schema(string apiVersion, string kind)
    {
        var (group, version) = KubernetesGroups.Split(apiVersion);
        return Kind(group, kind).Version(version)?.Schema ?? throw new InvalidOperationException($"no schema for {apiVersion} {kind}");
    }

    /// <summary>The node of a schema at a dotted path ("spec.endpoints[]" steps into the list's items).</summary>
    public static StructuralSchema At(StructuralSchema schema, string path) =>
        path.Split('.').Aggregate(schema, (node, step) => step.EndsWith("[]", StringComparison.Ordinal)
            ? node.Properties[step[..^2]].Items!
            : node.Properties[step]);

    /// <summary>Every problem with a resource written as JSON, as "path: message".</summary>
    public static string[] Problems(string json)
    {
        var resource = JsonNode.Parse(json)!.AsObject();
        var schema = Schema((string)resource["apiVersion"]!, (string)resource["kind"]!);
        return [.. SchemaValidator.ValidateResource(resource, schema).Select(p => p.ToString())];
    }

    public static string[] Problems(StructuralSchema schema, string json) =>
        [.. SchemaValidator.Validate(JsonNode.Parse(json), schema).Select(p => p.ToString())];
}
