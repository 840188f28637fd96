using System.Diagnostics;
using System.Globalization;
using System.Text;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Validation;
using StackGen.Validation.Reports;

namespace StackGen.Bench.SyntheticOrg;

/// <summary>
/// synthetic-org generate --stacks N --root DIR
///     writes DIR/environments/ for rabbitmq and N services (about 10 objects each).
/// synthetic-org render --stacks N --root DIR [--output FILE] [--iterations K]
///     renders the production environment the way `stackgen render` does (EnvironmentLoader, Renderer, Linter,
///     YamlEmitter; lint errors refuse the render) to FILE (default: stdout), and prints one line of timings to
///     stderr: load, render, lint, emit, write and their total (what is outside Main is the process wall time minus it),
///     then GC pauses, collection counts per generation and bytes allocated. With --iterations K the pipeline runs
///     K times in the process and the line is printed per iteration (iteration 1 is cold, later ones are warm).
/// </summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("generate" or "render" or "profile"))
        {
            Console.Error.WriteLine("usage: synthetic-org generate --stacks N --root DIR | render --stacks N --root DIR [--output FILE] [--iterations K] | profile --stacks N --root DIR [--iterations K]");
            return 2;
        }

        var stacks = int.Parse(Option(args, "--stacks") ?? "10", CultureInfo.InvariantCulture);
        var root = Path.GetFullPath(Option(args, "--root") ?? ".");
        if (args[0] == "generate")
        {
            OrganisationFiles.Write(root, stacks);
            Console.Error.WriteLine($"synthetic-org: wrote {Path.Combine(root, "environments")} for rabbitmq and {stacks} services");
            return 0;
        }

        var iterations = int.Parse(Option(args, "--iterations") ?? (args[0] == "profile" ? "3" : "1"), CultureInfo.InvariantCulture);
        try
        {
            if (args[0] == "profile")
            {
                return Profile.Run(root, stacks, iterations);
            }

            for (var i = 1; i <= iterations; i++)
            {
                var status = Render(root, stacks, Option(args, "--output"), i);
                if (status != 0)
                {
                    return status;
                }
            }

            return 0;
        }
        catch (InputException e)
        {
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return 2;
        }
    }

    private static int Render(string root, int stacks, string? output, int iteration)
    {

        var total = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        var catalog = OrganisationFiles.Catalog(stacks);
        var environment = new EnvironmentLoader(root, catalog).Load(OrganisationFiles.Environment, []);
        var load = Lap(phase);

        var result = new Renderer(catalog).Render(environment, []);
        var render = Lap(phase);

        var lint = Linter.Run(result);
        if (lint.Active.Any())
        {
            TextReport.Write(new LintReport(lint.Environment, [.. lint.Active]), Console.Error);
        }

        var linted = Lap(phase);
        if (lint.HasErrors)
        {
            Console.Error.WriteLine("render refused: the synthetic organisation has lint errors (above)");
            return 1;
        }

        // As the CLI does: YAML streams to the output as it is written; "write" is the final flush and close.
        using var stream = output is null or "-" ? Console.OpenStandardOutput() : File.Create(output);
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource), writer);
        var emit = Lap(phase);

        writer.Flush();
        var bytes = stream.CanSeek ? stream.Length : -1;
        writer.Dispose();
        var write = Lap(phase);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"synthetic-org: iteration={iteration} stacks={environment.Stacks.Count} objects={result.Objects.Count} bytes={bytes} " +
            $"load_ms={load:F1} render_ms={render:F1} lint_ms={linted:F1} emit_ms={emit:F1} write_ms={write:F1} " +
            $"total_ms={total.Elapsed.TotalMilliseconds:F1} gc_heap_mib={GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F1} " +
            $"gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F1} gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} " +
            $"allocated_mib={GC.GetTotalAllocatedBytes() / 1048576.0:F1}"));
        return 0;
    }

    private static double Lap(Stopwatch watch)
    {
        var elapsed = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        return elapsed;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
