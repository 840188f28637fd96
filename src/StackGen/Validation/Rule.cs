using StackGen.Layering;

namespace StackGen.Validation;

/// <summary>
/// One lint rule: a stable ID, a one-line title, a paragraph saying why it exists, how to fix a finding,
/// its severity per environment tier, and the check itself (pure, over the rendered objects).
/// </summary>
public abstract class Rule
{
    /// <summary>SG1xxx: what the API server or a controller would reject or silently get wrong. SG2xxx: production policy.</summary>
    public abstract string Id { get; }

    public abstract string Title { get; }

    public abstract string Explanation { get; }

    public abstract string Fix { get; }

    public virtual Severity SeverityFor(Tier tier) => Severity.Error;

    public abstract IEnumerable<Violation> Check(LintContext context);
}
