using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StackGen.Validation.Reports;

/// <summary>Findings as one JSON document, for scripts: `stackgen lint --env E --format json | jq`.</summary>
public static class JsonReport
{
    public static string Write(LintReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("environment", report.Environment.Name);
            json.WriteStartObject("summary");
            json.WriteNumber("errors", report.Count(Severity.Error));
            json.WriteNumber("warnings", report.Count(Severity.Warning));
            json.WriteNumber("notes", report.Count(Severity.Note));
            json.WriteNumber("suppressed", report.Findings.Count(f => f.IsSuppressed));
            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", finding.Rule.Id);
                json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                json.WriteString("stack", finding.Stack);
                json.WriteString("object", finding.ObjectId);
                json.WriteString("message", finding.Message);
                json.WriteString("fix", finding.Rule.Fix);
                json.WriteString("location", finding.Location.Text);
                if (finding.Setting is not null)
                {
                    json.WriteString("setting", $"{finding.Stack}.{finding.Setting}");
                }

                json.WriteBoolean("suppressed", finding.IsSuppressed);
                if (finding.IsSuppressed)
                {
                    json.WriteString("reason", finding.SuppressedBecause);
                    json.WriteString("suppressedAt", finding.SuppressedAt?.Text);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
