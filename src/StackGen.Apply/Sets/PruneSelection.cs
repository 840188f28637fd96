using System.Text.Json.Nodes;
using StackGen.Apply.Kube;

namespace StackGen.Apply.Sets;

/// <summary>
/// Which live members of a set to delete because they left the render, and which to keep although they
/// did. A pure decision over what the server listed, so the rules are tested without a cluster.
/// </summary>
public static class PruneSelection
{
    public const string KeepAnnotation = "stackgen.io/keep";
    public const string HelmResourcePolicyAnnotation = "helm.sh/resource-policy";

    /// <param name="setId">The set's ID: objects whose part-of label is anything else are never candidates.</param>
    /// <param name="live">Objects listed by the set's label selector.</param>
    /// <param name="desired">The objects the render still has.</param>
    public static PruneDecision Select(string setId, IEnumerable<JsonObject> live, IEnumerable<ObjectRef> desired)
    {
        var wanted = desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var delete = new List<ObjectRef>();
        var keep = new List<KeptObject>();
        foreach (var item in live)
        {
            var reference = ObjectRef.Of(item);
            if (wanted.Contains(reference.Key) || (string?)item["metadata"]?["labels"]?[ApplySet.PartOfLabel] != setId)
            {
                continue;
            }

            if (KeepReason(item) is { } reason)
            {
                keep.Add(new KeptObject(reference, reason));
            }
            else
            {
                delete.Add(reference);
            }
        }

        return new PruneDecision(
            [.. delete.DistinctBy(d => d.Key).OrderBy(d => d.Key, StringComparer.Ordinal)],
            [.. keep.DistinctBy(k => k.Item.Key).OrderBy(k => k.Item.Key, StringComparer.Ordinal)]);
    }

    /// <summary>Why an object is never deleted by pruning (nor by delete); null when it may be.</summary>
    /// <param name="deleteVolumes">True for `delete --include-volumes`: PersistentVolumeClaims go too (unless annotated to be kept).</param>
    public static string? KeepReason(JsonObject item, bool deleteVolumes = false)
    {
        if ((string?)item["kind"] == "PersistentVolumeClaim" && !deleteVolumes)
        {
            // Its volume holds data that no render can bring back.
            return "PersistentVolumeClaims are never pruned";
        }

        if (RenderedDefinitions.IsDefinition(ObjectRef.Of(item)))
        {
            // Deleting a definition deletes every resource of its kinds, in every namespace, whoever made them (as Helm, never prune one).
            return "CustomResourceDefinitions are never pruned: deleting one deletes every resource of its kinds in the cluster";
        }

        var annotations = item["metadata"]?["annotations"] as JsonObject;
        if ((string?)annotations?[KeepAnnotation] == "true")
        {
            return $"annotated {KeepAnnotation}: \"true\"";
        }

        return (string?)annotations?[HelmResourcePolicyAnnotation] == "keep" ? $"annotated {HelmResourcePolicyAnnotation}: keep" : null;
    }
}
