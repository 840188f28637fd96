namespace StackGen.Validation;

/// <summary>The `lint:` section of an environment file.</summary>
public sealed record LintPolicy
{
    /// <summary>Rule ID to severity (off, note, warning, error), overriding the rule's default for this environment.</summary>
    public IReadOnlyDictionary<string, Severity> Severity { get; init; } = new Dictionary<string, Severity>();

    public IReadOnlyList<Suppression> Suppress { get; init; } = [];

    /// <summary>Objects pods may refer to that exist in the cluster but not in the render, as "Kind/name".</summary>
    public IReadOnlyList<string> External { get; init; } = [];

    /// <summary>Custom resource kinds whose CRDs the cluster gets from elsewhere, as "group/Kind" (or "group/*" for a whole API group).</summary>
    public IReadOnlyList<string> ExternalKinds { get; init; } = [];
}
