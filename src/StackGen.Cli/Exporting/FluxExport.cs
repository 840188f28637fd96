using System.Text.Json.Nodes;
using StackGen.Apply.Sets;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Rendering;
using StackGen.Stacks;

namespace StackGen.Cli.Exporting;

/// <summary>
/// `render --for flux`: the render as Flux's kustomize-controller applies it as safely as `stackgen apply`. What apply
/// never prunes is annotated prune: disabled; Jobs are recreated when they change (force: enabled); a kustomization.yaml
/// in DIR/ENV and in each stack's directory makes both `kubectl kustomize` builds; and DIR/ENV/flux holds one Flux
/// Kustomization per stack, which depends on the stacks it needs and waits until its objects are healthy, so Flux
/// applies the stacks in the order apply does. DIR/ENV/flux is not in DIR/ENV's build: it is what points Flux at it.
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

        var files = result.Objects.Select(rendered => new OutputFile(OutputTree.PathOf(rendered), YamlEmitter.Write(Annotate(rendered)))).ToList();
        foreach (var stack in graph.Stacks)
        {
            files.Add(Kustomize($"{stack}/{KustomizationFile}", files.Where(f => f.Path.StartsWith(stack + "/", StringComparison.Ordinal)).Select(f => f.Path[(stack.Length + 1)..])));
        }

        files.Add(Kustomize(KustomizationFile, graph.Stacks));
        var environment = result.Environment.Name;
        var kustomizations = graph.Stacks.Select(stack => new OutputFile($"{Directory}/{Kind.ToLowerInvariant()}-{NameOf(stack, environment)}.yaml", YamlEmitter.Write(Kustomization(stack, environment, graph, source)))).ToList();
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

    private static JsonObject Kustomization(string stack, string environment, StackGraph graph, FluxSource source) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = NameOf(stack, environment),
            ["namespace"] = FluxSource.Namespace,
            ["labels"] = new JsonObject { [StandardLabels.Name] = stack, [StandardLabels.ManagedBy] = StandardLabels.Manager },
        },
        ["spec"] = new JsonObject
        {
            ["dependsOn"] = new JsonArray([.. graph.ProvidersOf(stack).Select(p => (JsonNode)new JsonObject { ["name"] = NameOf(p, environment) })]),
            ["interval"] = Interval,
            ["path"] = $"{source.Path}/{environment}/{stack}",
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = source.Kind, ["name"] = source.Name },
            ["timeout"] = Timeout,
            ["wait"] = true,
        },
    };
}
