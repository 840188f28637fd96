using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StackGen.Validation.Reports;

/// <summary>
/// Findings as SARIF 2.1.0, so CI systems annotate pull requests: one run, every rule as a reportingDescriptor,
/// each result located at the environment file line behind it and named logically by stack and object.
/// </summary>
public static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(LintReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            var rules = Linter.RulesFor(report.Environment.Stacks.Select(s => s.Stack));
            WriteTool(json, rules);
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(json, report, finding, rules);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<Rule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "stackgen");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.GetType().Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Explanation);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Fix);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.SeverityFor(Layering.Tier.Production)));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, LintReport report, Finding finding, IReadOnlyList<Rule> rules)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteNumber("ruleIndex", rules.ToList().FindIndex(r => r.Id == finding.Rule.Id));
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", $"{finding.ObjectId}: {finding.Message}. Fix: {finding.Rule.Fix}");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        // A finding caused by --set has no file; point at the stack's entry in the environment file instead.
        var source = ReportLocation.Of(finding.Location) ?? ReportLocation.Of(report.Environment.Find(finding.Stack)?.Declared ?? finding.Location);
        if (source is { } location)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", location.File);
            json.WriteEndObject();
            if (location.Line is { } line)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                json.WriteNumber("startColumn", location.Column ?? 1);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", finding.ObjectId);
        json.WriteString("fullyQualifiedName", $"{report.Environment.Name}/{finding.Stack}/{finding.ObjectId}");
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        if (finding.IsSuppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", finding.SuppressedAt?.Text.StartsWith("annotation", StringComparison.Ordinal) == true ? "inSource" : "external");
            json.WriteString("justification", finding.SuppressedBecause);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };
}
