using System.Globalization;
using StackGen.Diagnostics;

namespace StackGen.Validation.Reports;

/// <summary>A finding's location split into file, line and column for machine-readable reports.</summary>
internal sealed record ReportLocation(string File, int? Line, int? Column)
{
    public static ReportLocation? Of(SourceLocation location)
    {
        var parts = location.Text.Split(':');
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var column)
            ? new ReportLocation(parts[0], line, column)
            : location.Text.EndsWith(".yaml", StringComparison.Ordinal) ? new ReportLocation(location.Text, null, null) : null;
    }
}
