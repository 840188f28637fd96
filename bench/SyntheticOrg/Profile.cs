using System.Diagnostics;
using System.Globalization;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Validation;

namespace StackGen.Bench.SyntheticOrg;

/// <summary>
/// synthetic-org profile --stacks N --root DIR [--iterations K]: where the time goes inside the phases. Runs the
/// render pipeline K times (default 3) in one process and, for the first (cold) and the last (warm)
/// iteration, prints the sub-phases: the YAML parse of the environment files within load, every lint rule on its own,
/// and the YAML writer on one thread and on every core within emit.
/// </summary>
public static class Profile
{
    public static int Run(string root, int stacks, int iterations)
    {
        for (var i = 1; i <= iterations; i++)
        {
            var timings = Once(root, stacks);
            if (i == 1 || i == iterations)
            {
                Console.WriteLine($"## {(i == 1 ? "first iteration (cold: first-touch costs; under JIT also compilation and tier-0 code)" : $"warm (iteration {i})")}, {stacks} services");
                foreach (var (name, ms) in timings)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms,10:F1} ms  {name}"));
                }
            }
        }

        return 0;
    }

    private static List<(string Name, double Ms)> Once(string root, int stacks)
    {
        var timings = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        T Time<T>(string name, Func<T> action)
        {
            watch.Restart();
            var value = action();
            timings.Add((name, watch.Elapsed.TotalMilliseconds));
            return value;
        }

        var catalog = OrganisationFiles.Catalog(stacks);
        var files = Directory.EnumerateFiles(Path.Combine(root, "environments"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Time("load: YAML parse of the environment files only (YamlLayerReader)", () => files.Select(f => YamlLayerReader.ReadFile(f, f)).Count());
        var environment = Time("load: EnvironmentLoader.Load (parse, merge, bind)", () => new EnvironmentLoader(root, catalog).Load(OrganisationFiles.Environment, []));
        var result = Time("render: Renderer.Render (build, complete, checksums, order)", () => new Renderer(catalog).Render(environment, []));
        Time("render: ConfigChecksums.Apply again (idempotent)", () =>
        {
            ConfigChecksums.Apply(result.Objects);
            return 0;
        });

        var context = Time("lint: new LintContext", () => new LintContext(result, []));
        // The engine's rules and those the deployed stacks declare (rabbitmq's), as Linter.Run runs them.
        foreach (var rule in Linter.RulesFor(environment.Stacks.Select(s => s.Stack)))
        {
            Time($"lint: {rule.Id} {rule.GetType().Name}", () => rule.Check(context).Count());
        }

        Time("lint: Linter.Run (all of it, as render runs it)", () => Linter.Run(result));
        Time("emit: YamlEmitter.Write of each object on one thread", () => result.Objects.Sum(o => YamlEmitter.Write(o.Resource).Length));
        Time("emit: YamlEmitter.Write (all of it, as render runs it)", () => YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource)).Length);
        return timings;
    }
}
