namespace StackGen.Emitting;

/// <summary>
/// A file where DIR/ENV differs from a fresh render: <see cref="Current"/> is what DIR/ENV holds (null: missing),
/// <see cref="Rendered"/> what the render would write (null: the render has no such file).
/// </summary>
/// <param name="Path">Relative to DIR/ENV, as in the manifest.</param>
public sealed record OutputDrift(string Path, string? Current, string? Rendered);
