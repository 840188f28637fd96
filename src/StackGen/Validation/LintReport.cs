using StackGen.Layering;

namespace StackGen.Validation;

/// <summary>Every finding of a lint run, in stack, object and rule order.</summary>
public sealed record LintReport(EnvironmentConfig Environment, IReadOnlyList<Finding> Findings)
{
    public IEnumerable<Finding> Active => Findings.Where(f => !f.IsSuppressed);

    public int Count(Severity severity) => Active.Count(f => f.Severity == severity);

    public bool HasErrors => Count(Severity.Error) > 0;

    public string Summary =>
        $"{Environment.Name}: {Count(Severity.Error)} errors, {Count(Severity.Warning)} warnings, {Count(Severity.Note)} notes, {Findings.Count(f => f.IsSuppressed)} suppressed";
}
