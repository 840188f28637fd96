namespace StackGen.Validation.Schemas;

/// <summary>
/// A kind a CustomResourceDefinition defines: its API group and kind, its versions, and where the definition came from
/// (<c>crds/monitoring.coreos.com/v0.93.0/monitoring.coreos.com_servicemonitors.yaml</c>, or the rendered
/// <c>CustomResourceDefinition/NAME</c> of a stack).
/// </summary>
public sealed record DefinedKind(string Group, string Kind, string Source, IReadOnlyList<DefinedVersion> Versions)
{
    public DefinedVersion? Version(string name) => Versions.FirstOrDefault(v => v.Name == name);

    /// <summary>"v1, v1beta1": the versions a client may use.</summary>
    public string ServedVersions => string.Join(", ", Versions.Where(v => v.Served).Select(v => v.Name));
}
