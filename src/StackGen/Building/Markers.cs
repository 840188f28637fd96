using k8s;
using k8s.Models;
using StackGen.Facts;
using StackGen.Objects;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>Annotations stacks put on objects to tell operators what the object is; each states the matching fact for lint.</summary>
public static class Markers
{
    /// <summary>At most one pod of this workload may ever run (a scheduler, a leader without election).</summary>
    public const string SingleWriter = "stackgen.io/single-writer";

    /// <summary>
    /// Marks a workload single-writer: the annotation for operators, and the <see cref="Facts.SingleWriter"/> fact lint's
    /// SG2008 reads. <paramref name="replicasSetting"/> names the setting behind its replicas, if any.
    /// </summary>
    public static T AsSingleWriter<T>(StackContext context, T workload, string? replicasSetting = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        (workload.Metadata.Annotations ??= new Dictionary<string, string>())[SingleWriter] = "true";
        return context.State(workload, new Facts.SingleWriter(replicasSetting));
    }

    /// <summary>
    /// Marks an object (normally a Job from <see cref="Jobs.RunOnce"/>) to run before the stack's workloads on every
    /// apply that changes it: Helm's hook annotations (<c>helm.sh/hook: pre-install,pre-upgrade</c>, delete policy
    /// before-hook-creation), which `stackgen apply` honours (<see cref="Hook"/>) and the GitOps exports map to their
    /// engine's hooks. Apply waits until it is complete; a failure stops the apply before any workload is written.
    /// </summary>
    public static T RunBeforeWorkloads<T>(StackContext context, T obj)
        where T : IKubernetesObject<V1ObjectMeta> => AsHook(context, obj, $"{Hook.PreInstall},{Hook.PreUpgrade}");

    /// <summary>Like <see cref="RunBeforeWorkloads{T}"/>, once the stack's workloads are healthy (post-install, post-upgrade).</summary>
    public static T RunAfterWorkloads<T>(StackContext context, T obj)
        where T : IKubernetesObject<V1ObjectMeta> => AsHook(context, obj, $"{Hook.PostInstall},{Hook.PostUpgrade}");

    // The context is taken for symmetry with the other markers, and so a marker can state a fact later without a signature change.
    private static T AsHook<T>(StackContext context, T obj, string events)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(context);
        var annotations = obj.Metadata.Annotations ??= new Dictionary<string, string>();
        annotations[Hook.Annotation] = events;
        annotations[Hook.DeletePolicyAnnotation] = Hook.BeforeHookCreation;
        return obj;
    }
}
