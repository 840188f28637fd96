namespace StackGen.Charts;

/// <summary>What one helm run printed and how it exited.</summary>
public sealed record HelmResult(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// helm's error as one line: from its first "Error:" line on (a cause can take several lines, such as each value a
    /// schema refuses), without the prefix, a line ending in ':' joined to the next by a space, others by "; ".
    /// </summary>
    public string ErrorLine()
    {
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = Array.FindIndex(lines, l => l.StartsWith("Error:", StringComparison.Ordinal));
        var text = new System.Text.StringBuilder();
        foreach (var line in lines.Skip(Math.Max(first, 0)))
        {
            var content = line.StartsWith("Error:", StringComparison.Ordinal) ? line["Error:".Length..].Trim() : line;
            text.Append(text.Length == 0 ? "" : text[^1] == ':' ? " " : "; ").Append(content);
        }

        return text.Length > 0 ? text.ToString() : $"helm exited {ExitCode} without a message";
    }
}
