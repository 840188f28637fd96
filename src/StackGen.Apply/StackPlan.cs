using System.Text.Json.Nodes;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Sets;

namespace StackGen.Apply;

/// <summary>What applying one stack would change: its objects, its prune decision and the state of its set.</summary>
public sealed record StackPlan(
    ApplySet Set,
    StackManifest Manifest,
    IReadOnlyList<ObjectChange> Changes,
    PruneDecision Prune,
    JsonObject? LiveParent,
    IReadOnlyList<GroupKind> LiveGroupKinds,
    IReadOnlyList<string> LiveNamespaces,
    Revision? Latest)
{
    /// <summary>Hooks of the render that do not run in this apply (a pre-install hook on an upgrade): not applied, not pruned, their kinds kept in the set.</summary>
    public IReadOnlyList<ObjectRef> Held { get; init; } = [];

    public bool HasObjectChanges => Changes.Any(c => c.Kind != ChangeKind.Unchanged) || Prune.Delete.Count > 0;

    /// <summary>The parent's kinds after this apply: the render's, plus those of members kept although they left it.</summary>
    public IReadOnlyList<GroupKind> FinalGroupKinds =>
        [.. Changes.Select(c => GroupKind.Of(c.Item)).Concat(Prune.Keep.Select(k => GroupKind.Of(k.Item))).Concat(Held.Select(GroupKind.Of)).Distinct()];

    public IReadOnlyList<string> FinalNamespaces =>
        [.. Changes.Select(c => c.Item.Namespace).Concat(Prune.Keep.Select(k => k.Item.Namespace)).Concat(Held.Select(h => h.Namespace)).OfType<string>().Distinct()];

    /// <summary>
    /// Written before any member: the union of what the set held and will hold, so that an apply interrupted
    /// half way still lists every kind a later apply has to look at when pruning (KEP-3659's rule).
    /// </summary>
    public JsonObject WidenedParent() =>
        Set.ParentObject(FinalGroupKinds.Concat(LiveGroupKinds), FinalNamespaces.Concat(LiveNamespaces));

    public JsonObject FinalParent() => Set.ParentObject(FinalGroupKinds, FinalNamespaces);

    /// <summary>True when the live parent already carries every label and annotation of <paramref name="parent"/>.</summary>
    public bool ParentIsCurrent(JsonObject parent) =>
        LiveParent is not null && Contains(LiveParent, parent, "labels") && Contains(LiveParent, parent, "annotations");

    public bool IsRecorded => Latest is not null && Latest.Manifest == Manifest.Yaml();

    /// <summary>
    /// This apply installs the stack: no apply of it has succeeded yet (it has no revision), so a hook's install events
    /// count rather than its upgrade events. Not "its ApplySet is new": an install that failed in a hook has already
    /// written the set's parent, and its retry must still run the install hooks.
    /// </summary>
    public bool Installs => Latest is null;

    private static bool Contains(JsonObject live, JsonObject wanted, string field)
    {
        var have = live["metadata"]?[field] as JsonObject;
        var want = wanted["metadata"]?[field] as JsonObject ?? [];
        return want.All(entry => (string?)have?[entry.Key] == (string?)entry.Value);
    }
}
