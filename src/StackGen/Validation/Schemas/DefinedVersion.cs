namespace StackGen.Validation.Schemas;

/// <summary>One entry of a CRD's <c>spec.versions</c>: its name, whether the API server serves it, and its schema.</summary>
public sealed record DefinedVersion(string Name, bool Served, StructuralSchema? Schema);
