namespace StackGen.Objects;

/// <summary>
/// A custom kind and served version StackGen has a typed model for, read at compile time from its CRD in
/// <c>crds/</c>: what the renderer, lint and apply need to know about it without asking a cluster.
/// </summary>
/// <param name="Group">The API group, e.g. <c>monitoring.coreos.com</c>.</param>
/// <param name="Version">The served version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The resource name in API paths, e.g. <c>servicemonitors</c>.</param>
/// <param name="Namespaced">The CRD's <c>spec.scope</c> is <c>Namespaced</c> (otherwise <c>Cluster</c>).</param>
/// <param name="Source">The CRD file, relative to the repository root (<c>crds/&lt;group&gt;/&lt;release&gt;/&lt;file&gt;.yaml</c>).</param>
/// <param name="Model">The generated class.</param>
public sealed record CustomResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced, string Source, Type Model)
{
    public string ApiVersion => $"{Group}/{Version}";
}
