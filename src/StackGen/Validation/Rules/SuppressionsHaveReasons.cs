namespace StackGen.Validation.Rules;

/// <summary>SG0001: every suppression says why. Checked by the linter on annotations and environment files.</summary>
public sealed class SuppressionsHaveReasons : Rule
{
    /// <summary>Annotation prefix: lint.stackgen.io/SG2007: "vendor image, digest pinned upstream".</summary>
    public const string AnnotationPrefix = "lint.stackgen.io/";

    public override string Id => "SG0001";

    public override string Title => "Suppressions state a reason";

    public override string Explanation =>
        "A finding can be accepted with an annotation lint.stackgen.io/<RULE>: \"<reason>\" on the object, or a lint.suppress " +
        "entry (rule, optional stack and object, reason) in the environment file. The reason is what the next engineer " +
        "reads when the thing the rule warned about happens; a suppression without one is an error, and suppressed " +
        "findings are still listed as suppressed.";

    public override string Fix => "Add a reason: the annotation's value, or `reason:` in the lint.suppress entry.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var rendered in context.Objects)
        {
            foreach (var (key, reason) in rendered.Resource.Metadata.Annotations ?? new Dictionary<string, string>())
            {
                if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && string.IsNullOrWhiteSpace(reason))
                {
                    yield return new Violation(rendered, $"annotation {key} suppresses {key[AnnotationPrefix.Length..]} without a reason");
                }
            }
        }
    }
}
