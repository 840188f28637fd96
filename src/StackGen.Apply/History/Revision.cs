using StackGen.Apply.Manifests;

namespace StackGen.Apply.History;

/// <summary>
/// One successful apply of a stack: what was applied (the render's YAML), with which settings and where
/// each came from, by whom, when, from which commit. Enough to roll back to, and to answer "what changed?".
/// </summary>
/// <param name="Commit">The source git commit the render came from; null outside a git checkout.</param>
/// <param name="Description">"apply" or "rollback to 3".</param>
public sealed record Revision(
    int Number,
    DateTimeOffset When,
    string Who,
    string? Commit,
    string Environment,
    string Stack,
    string Description,
    int ObjectCount,
    string Manifest,
    IReadOnlyList<RevisionSetting> Settings);
