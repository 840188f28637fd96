namespace StackGen.Tests.FakeKube;

/// <summary>One kind the fake API server serves, and where it lives in the REST tree.</summary>
/// <param name="Group">API group, "" for the core group.</param>
/// <param name="Version">API version within the group, e.g. "v1".</param>
/// <param name="Kind">Kind, e.g. "StatefulSet".</param>
/// <param name="Plural">Resource name in URLs and discovery, e.g. "statefulsets".</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="Traits">Registry behaviour the fake reproduces.</param>
/// <param name="ShortNames">Discovery short names, e.g. "sts".</param>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    ResourceTraits Traits,
    IReadOnlyList<string> ShortNames)
{
    /// <summary>"v1" for the core group, "apps/v1" otherwise, as in an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The resource as the API server names it in messages: "statefulsets.apps", "configmaps".</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The kind as validation messages name it: "StatefulSet.apps", "ConfigMap".</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public bool Has(ResourceTraits trait) => (Traits & trait) == trait;

    /// <summary>The collection URL path, in one namespace or (null, or a cluster-scoped kind) across all of them.</summary>
    public string CollectionPath(string? ns = null)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{ns}/{Plural}" : $"{root}/{Plural}";
    }

    /// <summary>The URL path of one object.</summary>
    public string ObjectPath(string? ns, string name) => $"{CollectionPath(Namespaced ? ns : null)}/{name}";
}
