using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace StackGen.Tests.Support;

/// <summary>
/// Golden files: compares text with tests/StackGen.Tests/Golden/NAME.yaml. On a mismatch it writes
/// NAME.received.yaml beside it and fails with a unified diff; after reviewing the diff,
/// `bash tests/accept-snapshots` moves every received file over its golden file.
/// </summary>
public static class Snapshot
{
    public static string GoldenDirectory => Path.Combine(Repository.TestsDirectory, "Golden");

    public static void Verify(string name, string actual)
    {
        var golden = Path.Combine(GoldenDirectory, name + ".yaml");
        var received = Path.Combine(GoldenDirectory, name + ".received.yaml");
        var expected = File.Exists(golden) ? File.ReadAllText(golden) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        var message = expected is null
            ? $"no golden file {Relative(golden)}; wrote {Relative(received)}. Review it, then run: bash tests/accept-snapshots"
            : $"{Relative(golden)} differs from the render; wrote {Relative(received)}. Review the diff, then run: bash tests/accept-snapshots\n{UnifiedDiff(expected, actual)}";
        Assert.Fail(message);
    }

    public static string UnifiedDiff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var output = new StringBuilder();
        var lines = diff.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 3), Math.Min(lines.Count, i + 4) - Math.Max(0, i - 3)).Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            var prefix = lines[i].Type switch { ChangeType.Inserted => "+", ChangeType.Deleted => "-", _ => " " };
            output.Append(prefix).AppendLine(lines[i].Text);
        }

        return output.ToString();
    }

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);
}
