using System.Globalization;
using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Emitting;
using StackGen.Rendering;

namespace StackGen.Cli.Exporting;

/// <summary>
/// `render --for argocd`: the annotations that make Argo CD sync the render as safely as `stackgen apply` applies it.
/// Sync waves carry the order (CustomResourceDefinitions and Namespaces first, then each stack one wave after the
/// stacks it needs, so Argo CD waits for them to be healthy); what apply never prunes gets Prune=false (and
/// Delete=false, as `stackgen delete` keeps it too); Helm hooks become Argo CD hooks that are recreated on every sync;
/// other Jobs are replaced rather than patched, as their pod template is immutable.
/// </summary>
public static class ArgoCdExport
{
    public const string SyncWave = "argocd.argoproj.io/sync-wave";
    public const string SyncOptions = "argocd.argoproj.io/sync-options";
    public const string Hook = "argocd.argoproj.io/hook";
    public const string HookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";

    /// <summary>The wave of definitions and namespaces, before every stack's (stacks start at 0, Argo CD's default).</summary>
    public const int FoundationWave = -1;

    private const string HelmHook = "helm.sh/hook";

    /// <summary>Each object of the render as Argo CD should get it, in render order.</summary>
    public static IReadOnlyList<JsonObject> Annotate(RenderResult result, StackGraph graph) =>
        [.. result.Objects.Select(rendered => Annotate(rendered, graph))];

    private static JsonObject Annotate(RenderedObject rendered, StackGraph graph)
    {
        var item = KubernetesObjects.ToJson(rendered.Resource);
        var reference = ObjectRef.Of(item);
        var foundation = RenderedDefinitions.IsDefinition(reference) || (reference.Group.Length == 0 && reference.Kind == "Namespace");
        Annotations.Set(item, SyncWave, (foundation ? FoundationWave : graph.LevelOf(rendered.Stack)).ToString(CultureInfo.InvariantCulture));
        if (PruneSelection.KeepReason(item) is not null)
        {
            Annotations.AddOptions(item, SyncOptions, "Prune=false", "Delete=false");
        }

        if (HookPhases(item) is { } phases)
        {
            // Recreated on every sync: a hook Job that changed is a new Job, never an immutable-field error.
            Annotations.Set(item, Hook, phases);
            Annotations.Set(item, HookDeletePolicy, "BeforeHookCreation");
        }
        else if (reference.Group == "batch" && reference.Kind == "Job")
        {
            // A Job's pod template cannot change: Argo CD deletes and recreates a changed one instead of failing.
            Annotations.AddOptions(item, SyncOptions, "Force=true", "Replace=true");
        }

        return item;
    }

    /// <summary>
    /// The Argo CD hook phases of an object that declares itself a Helm hook (helm.sh/hook: pre-install,pre-upgrade, as
    /// charts and the web migration do), or null for an object applied with the rest. The one place that reads hooks.
    /// </summary>
    private static string? HookPhases(JsonObject item)
    {
        var phases = (Annotations.Get(item, HelmHook) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(helm => helm switch
            {
                "pre-install" or "pre-upgrade" => "PreSync",
                "post-install" or "post-upgrade" => "PostSync",
                "pre-delete" => "PreDelete",
                "post-delete" => "PostDelete",

                // test and rollback hooks have no Argo CD phase; Argo CD's own reading of helm.sh/hook handles them.
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return phases.Count == 0 ? null : string.Join(',', phases);
    }
}
