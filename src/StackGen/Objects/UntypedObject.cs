using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace StackGen.Objects;

/// <summary>
/// A Kubernetes object of a kind StackGen has no model for: apiVersion, kind and typed metadata, and every other
/// top-level field (<c>spec</c>, <c>data</c>, ...) as free-form JSON. The escape hatch for a custom resource whose CRD
/// is not in the repository's <c>crds/</c> folder; nothing checks its fields at compile time, so prefer the class
/// generated from a CRD whenever there is one.
/// </summary>
public sealed class UntypedObject : IKubernetesObject<V1ObjectMeta>
{
    public UntypedObject(string apiVersion, string kind, V1ObjectMeta metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ApiVersion = apiVersion;
        Kind = kind;
        Metadata = metadata;
    }

    public string ApiVersion { get; set; }

    public string Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; }

    /// <summary>The top-level fields besides apiVersion, kind and metadata, written in StackGen's key order.</summary>
    public JsonObject Fields { get; } = [];
}
