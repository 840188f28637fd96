using StackGen.Facts;

namespace StackGen.Validation.Rules;

/// <summary>SG2010: a chart rendered without a values.schema.json is named, since nothing checked its values.</summary>
public sealed class ChartValuesChecked : Rule
{
    public override string Id => "SG2010";

    public override string Title => "Chart values are checked against the chart's schema";

    public override string Explanation =>
        "StackGen checks a vendored chart's values against the chart's values.schema.json when the environment is loaded: " +
        "a misspelt value (replicaCont: 3) is an error at its line. A chart that ships no schema takes any values, and " +
        "helm silently ignores one it does not use, so a typo renders the chart's default without a word. The finding " +
        "names each such chart and the stack that renders it, once.";

    public override string Fix =>
        "Check the chart's values.yaml for every key the environment sets (stackgen explain --env ENV STACK lists them), " +
        "or use a chart version that ships values.schema.json; suppress with a reason once reviewed.";

    public override Severity SeverityFor(Layering.Tier tier) => Severity.Warning;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        var reported = new HashSet<(string Stack, string Origin)>();
        foreach (var (rendered, fact) in context.Facts<Upstream>())
        {
            if (fact.ValuesUnchecked && reported.Add((rendered.Stack, fact.Origin)))
            {
                yield return new Violation(rendered, $"stack {rendered.Stack} renders {fact.Origin}, which ships no values.schema.json: its values are not checked (a misspelt key is ignored)");
            }
        }
    }
}
