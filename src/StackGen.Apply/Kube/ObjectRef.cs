using System.Text.Json.Nodes;

namespace StackGen.Apply.Kube;

/// <summary>Which object: apiVersion, kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Version => ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>"statefulset/rabbitmq", the way kubectl names objects in its output.</summary>
    public string Display => $"{Kind.ToLowerInvariant()}/{Name}";

    /// <summary>The same object whatever its apiVersion (autoscaling/v1 and v2 HPAs are one object).</summary>
    public string Key => $"{Group}/{Kind}/{Namespace}/{Name}";

    public static ObjectRef Of(JsonObject item)
    {
        var metadata = item["metadata"] as JsonObject;
        return new ObjectRef(
            (string?)item["apiVersion"] ?? throw new InvalidOperationException("object without apiVersion"),
            (string?)item["kind"] ?? throw new InvalidOperationException("object without kind"),
            (string?)metadata?["namespace"] is { Length: > 0 } ns ? ns : null,
            (string?)metadata?["name"] ?? throw new InvalidOperationException("object without metadata.name"));
    }

    public override string ToString() => Namespace is null ? Display : $"{Display} in namespace {Namespace}";
}
