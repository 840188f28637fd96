using StackGen.Apply.Kube;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Rendering;

namespace StackGen.Cli.Exporting;

/// <summary>
/// What an export orders stacks by: each stack's providers, the stacks it references (as the render recorded them) and
/// the stacks whose CustomResourceDefinitions define the kinds of its custom resources, and each stack's level, 0 for a
/// stack that needs none, otherwise one more than its highest provider. Stacks of one level do not need each other,
/// so an engine may apply them together.
/// </summary>
public sealed class StackGraph
{
    private readonly Dictionary<string, List<string>> _providers;
    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);

    /// <exception cref="InputException">Two stacks each need the other's definitions: no engine can order them (exit 2).</exception>
    public StackGraph(RenderResult result)
    {
        Stacks = result.StackOrder;
        var rank = Stacks.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var edges = result.Dependencies.Select(d => (d.Consumer, d.Provider)).ToList();

        // A custom resource needs its definition served first; the definition's stack is a provider like a reference.
        var definitions = result.Objects.Where(o => o.Kind == RenderedDefinitions.Kind).GroupBy(o => o.Stack)
            .Select(g => (Stack: g.Key, Defined: RenderedDefinitions.Of(g.Select(o => KubernetesObjects.ToJson(o.Resource)))));
        foreach (var (provider, defined) in definitions)
        {
            edges.AddRange(result.Objects.Where(o => o.Stack != provider && defined.Find(o.ApiVersion, o.Kind) is not null).Select(o => (o.Stack, provider)));
        }

        _providers = Stacks.ToDictionary(
            s => s,
            s => edges.Where(e => e.Consumer == s).Select(e => e.Provider).Distinct(StringComparer.Ordinal).OrderBy(p => rank[p]).ToList(),
            StringComparer.Ordinal);
        foreach (var stack in Stacks)
        {
            _ = Level(stack, result, []);
        }
    }

    /// <summary>The rendered stacks, providers before consumers.</summary>
    public IReadOnlyList<string> Stacks { get; }

    /// <summary>The stacks <paramref name="stack"/> needs applied and healthy first, in stack order.</summary>
    public IReadOnlyList<string> ProvidersOf(string stack) => _providers[stack];

    public int LevelOf(string stack) => _levels[stack];

    private int Level(string stack, RenderResult result, List<string> path)
    {
        if (_levels.TryGetValue(stack, out var known))
        {
            return known;
        }

        if (path.Contains(stack))
        {
            // References cannot form a cycle (the render refuses one); definitions used both ways can.
            var cycle = string.Join(" -> ", path.SkipWhile(p => p != stack).Append(stack));
            throw new InputException(
                result.Environment.Find(stack)?.Declared ?? SourceLocation.Flag(ExportTargets.Flag),
                $"stacks need each other's CustomResourceDefinitions or outputs in a cycle ({cycle}), so no GitOps engine can apply one before the other; move the definitions into a stack of their own");
        }

        path.Add(stack);
        var level = _providers[stack].Select(p => Level(p, result, path) + 1).DefaultIfEmpty(0).Max();
        path.RemoveAt(path.Count - 1);
        _levels[stack] = level;
        return level;
    }
}
