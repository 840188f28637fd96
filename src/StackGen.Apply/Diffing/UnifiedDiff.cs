using System.Globalization;
using System.Text;
using DiffPlex;

namespace StackGen.Apply.Diffing;

/// <summary>A unified diff (`diff -u` format, 3 lines of context) of two texts, line by line.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff with ---/+++ headers; empty when the texts are equal.</summary>
    public static string Format(string before, string after, string beforeName, string afterName)
    {
        if (before == after)
        {
            return "";
        }

        var lines = Edits(Lines(before), Lines(after));
        var output = new StringBuilder();
        output.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var changed = Enumerable.Range(0, lines.Count).Where(i => lines[i].Op != ' ').ToArray();
        var index = 0;
        while (index < changed.Length)
        {
            var start = Math.Max(0, changed[index] - Context);
            var end = changed[index];
            while (index < changed.Length && changed[index] - end <= 2 * Context)
            {
                end = changed[index++];
            }

            end = Math.Min(lines.Count - 1, end + Context);
            var hunk = lines.Skip(start).Take(end - start + 1).ToArray();
            var oldCount = hunk.Count(l => l.Op != '+');
            var newCount = hunk.Count(l => l.Op != '-');
            var oldStart = lines.Take(start).Count(l => l.Op != '+') + (oldCount > 0 ? 1 : 0);
            var newStart = lines.Take(start).Count(l => l.Op != '-') + (newCount > 0 ? 1 : 0);
            output.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            foreach (var (op, text) in hunk)
            {
                output.Append(op).Append(text).Append('\n');
            }
        }

        return output.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts in order, marked ' ' (both), '-' (before only) or '+' (after only).</summary>
    private static List<(char Op, string Text)> Edits(string[] before, string[] after)
    {
        if (before.Length == 0 || after.Length == 0)
        {
            // DiffPlex reads an empty text as one empty line; a whole object added or removed needs no diffing.
            return [.. before.Select(l => ('-', l)), .. after.Select(l => ('+', l))];
        }

        var result = Differ.Instance.CreateLineDiffs(string.Join('\n', before), string.Join('\n', after), ignoreWhitespace: false);
        var edits = new List<(char, string)>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (a < block.DeleteStartA)
            {
                edits.Add((' ', before[a++]));
                b++;
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                edits.Add(('-', before[a++]));
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                edits.Add(('+', after[b++]));
            }
        }

        while (a < before.Length)
        {
            edits.Add((' ', before[a++]));
        }

        return edits;
    }
}
