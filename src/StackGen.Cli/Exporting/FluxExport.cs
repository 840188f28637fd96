using System.Text.Json.Nodes;
using StackGen.Apply.Sets;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Objects;
using StackGen.Rendering;
using StackGen.Stacks;

namespace StackGen.Cli.Exporting;

/// <summary>
/// `render --for flux`: the render as Flux's kustomize-controller applies it as safely as `stackgen apply`. What apply
/// never prunes is annotated prune: disabled; Jobs are recreated when they change (force: enabled); a kustomization.yaml
/// in DIR/ENV and in each stack's directory makes both `kubectl kustomize` builds; and DIR/ENV/flux holds one Flux
/// Kustomization per stack, which depends on the stacks it needs and waits until its objects are healthy, so Flux
/// applies the stacks in the order apply does. Flux has no hook phase: a stack's hooks (the web migration) go to
/// DIR/ENV/STACK/before-workloads (after-workloads) with a Kustomization of their own that the stack's waits for (that
/// waits for the stack's), as apply runs them. DIR/ENV/flux is not in DIR/ENV's build: it is what points Flux at it.
/// </summary>
public static class FluxExport
{
    public const string Prune = "kustomize.toolkit.fluxcd.io/prune";
    public const string Force = "kustomize.toolkit.fluxcd.io/force";
    public const string KustomizationFile = "kustomization.yaml";

    /// <summary>DIR/ENV/flux: the Flux Kustomizations, beside the stacks' directories and not in their build.</summary>
    public const string Directory = "flux";

    public const string ApiVersion = "kustomize.toolkit.fluxcd.io/v1";

    private const string KustomizeApiVersion = "kustomize.config.k8s.io/v1beta1";
    private const string Kind = "Kustomization";

    /// <summary>A stack's units in the order they run: its before-workloads hooks, its objects, its after-workloads hooks.</summary>
    private static readonly HookPhase?[] Phases = [HookPhase.BeforeWorkloads, null, HookPhase.AfterWorkloads];

    // How often Flux re-applies (drift correction) and how long it waits for health: apply waits 5m by default too.
    private const string Interval = "10m";
    private const string Timeout = "5m";

    /// <exception cref="InputException">A stack is named like the Flux directory (exit 2).</exception>
    public static IReadOnlyList<OutputFile> Files(RenderResult result, StackGraph graph, FluxSource source)
    {
        if (result.Environment.Find(Directory) is { } clash)
        {
            throw new InputException(clash.Declared, $"stack '{Directory}' would share DIR/{result.Environment.Name}/{Directory} with the Flux Kustomizations of {ExportTargets.Flag} flux; render it without {ExportTargets.Flag} flux or rename the stack");
        }

        // A hook StackGen does not run (a test hook, a delete or rollback hook) is left out, as apply never sends it.
        var honoured = result.Objects.Where(rendered => Hook.Of(rendered.Resource.Metadata.Annotations) is null or { Phase: not null }).ToList();
        var files = honoured.Select(rendered => new OutputFile(PathOf(rendered), YamlEmitter.Write(Annotate(rendered)))).ToList();
        var units = graph.Stacks
            .SelectMany(stack => Phases.Where(phase => phase is null || honoured.Any(o => o.Stack == stack && PhaseOf(o) == phase)).Select(phase => new Unit(stack, phase)))
            .ToList();
        foreach (var unit in units)
        {
            var directory = unit.Directory + "/";
            files.Add(Kustomize(directory + KustomizationFile, files.Where(f => f.Path.StartsWith(directory, StringComparison.Ordinal) && !f.Path[directory.Length..].Contains('/', StringComparison.Ordinal)).Select(f => f.Path[directory.Length..])));
        }

        files.Add(Kustomize(KustomizationFile, units.Select(u => u.Directory)));
        var environment = result.Environment.Name;
        var kustomizations = units.Select(unit => new OutputFile($"{Directory}/{Kind.ToLowerInvariant()}-{unit.Name(environment)}.yaml", YamlEmitter.Write(Kustomization(unit, environment, units, graph, source)))).ToList();
        files.AddRange(kustomizations);
        files.Add(Kustomize($"{Directory}/{KustomizationFile}", kustomizations.Select(k => k.Path[(Directory.Length + 1)..])));
        return files;
    }

    /// <summary>"web-production": a stack's Flux Kustomization, named as its objects' app.kubernetes.io/instance.</summary>
    public static string NameOf(string stack, string environment) => $"{stack}-{environment}";

    private static JsonObject Annotate(RenderedObject rendered)
    {
        var item = KubernetesObjects.ToJson(rendered.Resource);
        if (PruneSelection.KeepReason(item) is not null)
        {
            Annotations.Set(item, Prune, "disabled");
        }

        if ((string?)item["apiVersion"] == "batch/v1" && rendered.Kind == "Job")
        {
            // A Job's pod template cannot change: Flux deletes and recreates a changed one instead of failing.
            Annotations.Set(item, Force, "enabled");
        }

        return item;
    }

    /// <summary>A kustomization.yaml listing <paramref name="resources"/> (files or directories), in ordinal order.</summary>
    private static OutputFile Kustomize(string path, IEnumerable<string> resources) => new(
        path,
        YamlEmitter.Write(new JsonObject
        {
            ["apiVersion"] = KustomizeApiVersion,
            ["kind"] = Kind,
            ["resources"] = new JsonArray([.. resources.Order(StringComparer.Ordinal).Select(r => (JsonNode)r)]),
        }));

    private static JsonObject Kustomization(Unit unit, string environment, IReadOnlyList<Unit> units, StackGraph graph, FluxSource source) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = unit.Name(environment),
            ["namespace"] = FluxSource.Namespace,
            ["labels"] = new JsonObject { [StandardLabels.Name] = unit.Stack, [StandardLabels.ManagedBy] = StandardLabels.Manager },
        },
        ["spec"] = new JsonObject
        {
            ["dependsOn"] = new JsonArray([.. DependsOn(unit, units, graph).Select(u => (JsonNode)new JsonObject { ["name"] = u.Name(environment) })]),
            ["interval"] = Interval,
            ["path"] = $"{source.Path}/{environment}/{unit.Directory}",
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = source.Kind, ["name"] = source.Name },
            ["timeout"] = Timeout,
            ["wait"] = true,
        },
    };

    /// <summary>
    /// What a unit waits for, as apply orders it: a stack's hooks that run before its workloads wait for the stacks it
    /// needs, the stack waits for them (or for those stacks when it has none), and its after-workloads hooks wait for it.
    /// </summary>
    private static IEnumerable<Unit> DependsOn(Unit unit, IReadOnlyList<Unit> units, StackGraph graph)
    {
        var before = units.FirstOrDefault(u => u.Stack == unit.Stack && u.Phase == HookPhase.BeforeWorkloads);
        return unit.Phase switch
        {
            HookPhase.AfterWorkloads => [new Unit(unit.Stack, null)],
            null when before is not null => [before],
            _ => graph.ProvidersOf(unit.Stack).Select(p => new Unit(p, null)),
        };
    }

    /// <summary>The phase of a hook; null for an object applied with the workloads.</summary>
    private static HookPhase? PhaseOf(RenderedObject rendered) => Hook.Of(rendered.Resource.Metadata.Annotations)?.Phase;

    private static string PathOf(RenderedObject rendered) =>
        PhaseOf(rendered) is { } phase ? $"{rendered.Stack}/{Unit.DirectoryOf(phase)}/{OutputDirectory.FileName(rendered)}" : OutputTree.PathOf(rendered);

    /// <summary>
    /// What one Flux Kustomization applies: a stack's objects (<paramref name="Phase"/> null) in DIR/ENV/STACK, or its
    /// hooks of one phase in DIR/ENV/STACK/before-workloads (after-workloads): Flux has no hook phase, so a Kustomization
    /// that waits for the Jobs to complete, and that the stack's depends on, gives the order apply runs them in.
    /// </summary>
    private sealed record Unit(string Stack, HookPhase? Phase)
    {
        public string Directory => Phase is { } phase ? $"{Stack}/{DirectoryOf(phase)}" : Stack;

        public string Name(string environment) => Phase is { } phase ? $"{NameOf(Stack, environment)}-{DirectoryOf(phase)}" : NameOf(Stack, environment);

        public static string DirectoryOf(HookPhase phase) => phase == HookPhase.BeforeWorkloads ? "before-workloads" : "after-workloads";
    }
}
