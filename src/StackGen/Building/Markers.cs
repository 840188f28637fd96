using k8s;
using k8s.Models;
using StackGen.Facts;
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
}
