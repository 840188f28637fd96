using System.Text.Json.Nodes;

namespace StackGen.Apply.Diffing;

/// <summary>
/// Removes what the API server writes on its own (status, bookkeeping metadata, annotations controllers
/// add), so that comparing a live object with what apply would make of it shows only what StackGen changes.
/// </summary>
public static class ServerNoise
{
    private static readonly string[] Metadata =
    [
        "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    // Written by controllers or by kubectl, never by StackGen.
    private static readonly string[] Annotations =
    [
        "deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration",
        "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller", "volume.beta.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/storage-provisioner", "volume.kubernetes.io/selected-node", "autoscaling.alpha.kubernetes.io/conditions",
        "autoscaling.alpha.kubernetes.io/current-metrics", "endpoints.kubernetes.io/last-change-trigger-time",
    ];

    /// <summary>A copy of <paramref name="item"/> without server noise; the original is untouched.</summary>
    public static JsonObject Strip(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var key in Metadata)
            {
                metadata.Remove(key);
            }

            if (metadata["annotations"] is JsonObject annotations)
            {
                foreach (var key in Annotations)
                {
                    annotations.Remove(key);
                }

                if (annotations.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }
        }

        return copy;
    }
}
