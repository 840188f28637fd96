namespace StackGen.Validation.Schemas;

/// <summary>
/// A CRD in the repository's <c>crds/</c>, as StackGen.Generators' CustomResourcesGenerator lists it at compile time: its
/// file (<c>crds/GROUP/RELEASE/FILE.yaml</c>), group and kind. Its schema is read only when lint needs it.
/// </summary>
internal sealed record RepositoryDefinition(string Source, string Group, string Kind);
