namespace StackGen.Validation.Reports;

/// <summary>Findings for people: grouped by stack and object, each with where to fix it and how.</summary>
public static class TextReport
{
    public static void Write(LintReport report, TextWriter output)
    {
        foreach (var stack in report.Findings.GroupBy(f => f.Stack))
        {
            output.WriteLine(stack.Key.Length == 0 ? "environment" : stack.Key);
            foreach (var resource in stack.GroupBy(f => f.ObjectId))
            {
                output.WriteLine($"  {resource.Key}");
                foreach (var finding in resource)
                {
                    var level = finding.IsSuppressed ? "suppressed" : finding.Severity.ToString().ToLowerInvariant();
                    output.WriteLine($"    {level,-10} {finding.Rule.Id}  {finding.Message}  [{finding.Location}]");
                    output.WriteLine(finding.IsSuppressed
                        ? $"               because: {finding.SuppressedBecause} ({finding.SuppressedAt})"
                        : $"               fix: {finding.Rule.Fix}");
                }
            }
        }

        output.WriteLine(report.Summary);
    }

    /// <summary>What `stackgen lint --explain ID` prints.</summary>
    public static void Explain(Rule rule, TextWriter output)
    {
        output.WriteLine($"{rule.Id}: {rule.Title}");
        output.WriteLine();
        output.WriteLine(rule.Explanation);
        output.WriteLine();
        output.WriteLine($"Fix: {rule.Fix}");
        output.WriteLine($"Severity: development {Level(rule, Layering.Tier.Development)}, staging {Level(rule, Layering.Tier.Staging)}, production {Level(rule, Layering.Tier.Production)}");
    }

    private static string Level(Rule rule, Layering.Tier tier) => rule.SeverityFor(tier).ToString().ToLowerInvariant();
}
