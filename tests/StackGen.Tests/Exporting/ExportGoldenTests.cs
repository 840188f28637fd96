using System.Text.Json.Nodes;
using StackGen.Cli.Exporting;
using StackGen.Emitting;
using StackGen.Rendering;
using StackGen.Tests.Support;

namespace StackGen.Tests.Exporting;

/// <summary>
/// What each export adds to the plain render of every environment, compared with its reviewed golden file
/// (Golden/export/TARGET/ENV.yaml): the annotations it sets on each object's file, and the files it adds, whole. The
/// objects themselves are the stack goldens': the test fails if an export changes anything but its own annotations,
/// so a setting change fails the stack goldens only.
/// </summary>
public sealed class ExportGoldenTests
{
    /// <summary>The flux export as committed from the repository root with --output rendered/.</summary>
    private static readonly FluxSource Source = FluxSource.Parse(null, null, "rendered");

    public static TheoryData<string, string> ExportsByEnvironment()
    {
        var cases = new TheoryData<string, string>();
        foreach (var target in new[] { ExportTarget.ArgoCd, ExportTarget.Flux })
        {
            foreach (var environment in Renders.Environments)
            {
                cases.Add(ExportTargets.NameOf(target), environment);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ExportsByEnvironment))]
    public void Export_adds_what_its_golden_file_shows(string target, string environment)
    {
        var result = Renders.Render(environment);

        Snapshot.Verify($"export/{target}/{environment}", Added(result, ExportTargets.Parse(target), $"render --env {environment} --output rendered/ --for {target}"));
    }

    /// <summary>The export as its additions to the plain tree; fails if it changed or dropped anything of the plain tree.</summary>
    private static string Added(RenderResult result, ExportTarget target, string command)
    {
        var plain = OutputTree.Plain(result.Objects).Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var export = Exporter.Tree(result, target, Source).Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        Assert.Empty(plain.Keys.Except(export.Keys.Select(PlainPath)));
        var annotations = new JsonObject();
        var files = new JsonObject();
        foreach (var (path, content) in export.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (plain.TryGetValue(PlainPath(path), out var original))
            {
                annotations[path] = Inserted(path, original, content);
            }
            else
            {
                files[path] = content;
            }
        }

        var added = new JsonObject { ["annotations"] = annotations };
        if (files.Count > 0)
        {
            added["files"] = files;
        }

        return $"# What `stackgen {command}` adds to the plain render:\n" +
            "# the annotations it sets on each object's file (the rest of each file is the object of the stack goldens)\n" +
            "# and the files it adds.\n" + YamlEmitter.Write(added);
    }

    /// <summary>
    /// Where the plain render has the object an export wrote at <paramref name="path"/>: the same path, or STACK/FILE for
    /// one the flux export moved into a hook phase's directory (STACK/before-workloads/FILE; the golden shows the move).
    /// </summary>
    private static string PlainPath(string path) => path.Split('/') is [var stack, _, var file] ? $"{stack}/{file}" : path;

    /// <summary>The annotations the export inserted into one object's file; fails on any other change.</summary>
    private static JsonObject Inserted(string path, string original, string exported)
    {
        var before = original.Split('\n');
        var after = exported.Split('\n');
        var added = new JsonObject();
        var next = 0;
        foreach (var line in after)
        {
            if (next < before.Length && line == before[next])
            {
                next++;
                continue;
            }

            if (line == "  annotations:")
            {
                continue;
            }

            Assert.True(line.StartsWith("    ", StringComparison.Ordinal) && line[4] != ' ' && line.Contains(": ", StringComparison.Ordinal), $"{path}: the export changed more than metadata.annotations: '{line}'");
            var (key, value) = (line[4..line.IndexOf(": ", StringComparison.Ordinal)], line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            added[key] = value.StartsWith('"') ? JsonNode.Parse(value) : value;
        }

        Assert.True(next == before.Length, $"{path}: the export dropped '{(next < before.Length ? before[next] : "")}' of the plain file");
        return added;
    }
}
