using System.Text.Json.Nodes;

namespace StackGen.Apply.Kube;

/// <summary>
/// The kinds the CustomResourceDefinitions of a render define: where a custom resource's scope and REST resource
/// come from before the cluster serves its kind, and which kinds apply may wait for rather than refuse.
/// </summary>
public sealed class RenderedDefinitions
{
    public const string Group = "apiextensions.k8s.io";
    public const string Kind = "CustomResourceDefinition";

    private readonly IReadOnlyList<ResourceType> _kinds;

    private RenderedDefinitions(IReadOnlyList<ResourceType> kinds)
    {
        _kinds = kinds;
    }

    public static bool IsDefinition(ObjectRef item) => item.Group == Group && item.Kind == Kind;

    public static RenderedDefinitions Of(IEnumerable<JsonObject> objects)
    {
        var kinds = new List<ResourceType>();
        foreach (var item in objects)
        {
            if (!IsDefinition(ObjectRef.Of(item)))
            {
                continue;
            }

            var spec = item["spec"];
            var group = (string?)spec?["group"] ?? "";
            var kind = (string?)spec?["names"]?["kind"] ?? "";
            var plural = (string?)spec?["names"]?["plural"] ?? "";
            var namespaced = (string?)spec?["scope"] != "Cluster";
            foreach (var version in (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => (bool?)v["served"] != false))
            {
                if ((string?)version["name"] is { Length: > 0 } name)
                {
                    kinds.Add(new ResourceType(group, name, kind, plural, namespaced));
                }
            }
        }

        return new RenderedDefinitions(kinds);
    }

    /// <summary>The resource a rendered definition serves apiVersion/kind as; null when none of them does.</summary>
    public ResourceType? Find(string apiVersion, string kind) =>
        _kinds.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>True when a rendered definition defines the group/kind (in any version).</summary>
    public bool Defines(GroupKind groupKind) => _kinds.Any(k => k.Group == groupKind.Group && k.Kind == groupKind.Kind);
}
