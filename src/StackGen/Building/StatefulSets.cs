using k8s.Models;
using StackGen.Settings;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>
/// StatefulSets in the standard shape: one component's pods, with stable names behind a headless Service, selected by
/// that component's labels. The pod comes from <see cref="Pods.Spec(RunAsSettings, IReadOnlyList{V1Container}, IReadOnlyList{V1Container}?)"/> like a Deployment's.
/// </summary>
public static class StatefulSets
{
    /// <summary>Start and replace pods in ordinal order, each once the one before is ready (Kubernetes' default).</summary>
    public const string OrderedReady = "OrderedReady";

    /// <summary>
    /// Start all pods at once: for clustered systems whose nodes must find each other to become ready, where an
    /// ordered start after a full stop waits forever for a node that waits for the others.
    /// </summary>
    public const string Parallel = "Parallel";

    /// <summary>
    /// A StatefulSet of <paramref name="replicas"/> copies of <paramref name="pod"/>, named through the headless
    /// Service <paramref name="serviceName"/>, updated one pod at a time (RollingUpdate), with a volume per pod from
    /// each claim template.
    /// </summary>
    public static V1StatefulSet Create(StackContext context, string name, string component, int replicas, string serviceName, string podManagementPolicy, V1PodSpec pod, params V1PersistentVolumeClaim[] claims) => new()
    {
        Metadata = context.Metadata(name, component),
        Spec = new V1StatefulSetSpec
        {
            ServiceName = serviceName,
            Replicas = replicas,
            PodManagementPolicy = podManagementPolicy,
            UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
            Selector = Pods.Selector(context, component),
            Template = Pods.Template(context, component, pod),
            VolumeClaimTemplates = claims.Length == 0 ? null : [.. claims],
        },
    };

    /// <summary>A claim template: each pod gets its own ReadWriteOnce volume <paramref name="name"/>, kept when the pod goes.</summary>
    public static V1PersistentVolumeClaim Claim(StackContext context, string name, string component, VolumeSettings volume) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = context.SelectorLabels(component) },
        Spec = Volumes.ReadWriteOnce(volume),
    };
}
