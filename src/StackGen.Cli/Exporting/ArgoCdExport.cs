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

        if (Objects.Hook.Of(rendered.Resource.Metadata.Annotations) is { } hook && HookPhases(hook) is { } phases)
        {
            // A hook Job that changed is a new Job, never an immutable-field error: Argo CD deletes the old one first.
            Annotations.Set(item, Hook, phases);
            Annotations.Set(item, HookDeletePolicy, DeletePolicies(hook));
        }
        else if (reference.Group == "batch" && reference.Kind == "Job")
        {
            // A Job's pod template cannot change: Argo CD deletes and recreates a changed one instead of failing.
            Annotations.AddOptions(item, SyncOptions, "Force=true", "Replace=true");
        }

        return item;
    }

    /// <summary>
    /// The Argo CD phases of a Helm hook (charts' hooks and the Jobs stacks mark with <c>Markers.RunBeforeWorkloads</c>),
    /// or null when none has one: test and rollback hooks are left to Argo CD's own reading of helm.sh/hook.
    /// </summary>
    private static string? HookPhases(Objects.Hook hook)
    {
        var phases = hook.Events
            .Select(helm => helm switch
            {
                Objects.Hook.PreInstall or Objects.Hook.PreUpgrade => "PreSync",
                Objects.Hook.PostInstall or Objects.Hook.PostUpgrade => "PostSync",
                "pre-delete" => "PreDelete",
                "post-delete" => "PostDelete",
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return phases.Count == 0 ? null : string.Join(',', phases);
    }

    /// <summary>Helm's delete policies in Argo CD's words; one Argo CD does not know is left out (lint's SG1020 names it).</summary>
    private static string DeletePolicies(Objects.Hook hook) => string.Join(',', hook.DeletePolicies
        .Select(policy => policy switch
        {
            Objects.Hook.BeforeHookCreation => "BeforeHookCreation",
            Objects.Hook.HookSucceeded => "HookSucceeded",
            Objects.Hook.HookFailed => "HookFailed",
            _ => null,
        })
        .OfType<string>()
        .DefaultIfEmpty("BeforeHookCreation"));
}
