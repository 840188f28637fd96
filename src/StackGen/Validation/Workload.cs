using k8s.Models;
using StackGen.Rendering;
using StackGen.Workloads;

namespace StackGen.Validation;

/// <summary>An object that runs pods: its pod template and how many replicas it asks for.</summary>
public sealed record Workload(RenderedObject Rendered, V1PodTemplateSpec Template, int Replicas)
{
    public V1PodSpec Pod => Template.Spec;

    /// <summary>Long-running workloads (not Jobs) are expected to have probes, PDBs and so on.</summary>
    public bool IsLongRunning => Rendered.Resource is V1Deployment or V1StatefulSet or V1DaemonSet or V1ReplicaSet;

    public IEnumerable<V1Container> AllContainers => PodTemplates.Containers(Pod);

    public static Workload? Of(RenderedObject rendered) => PodTemplates.Of(rendered.Resource) is { Spec: not null } template
        ? new Workload(rendered, template, ReplicaCount(rendered.Resource))
        : null;

    private static int ReplicaCount(object resource) => resource switch
    {
        V1Deployment d => d.Spec.Replicas ?? 1,
        V1StatefulSet s => s.Spec.Replicas ?? 1,
        V1ReplicaSet r => r.Spec.Replicas ?? 1,
        V1Job j => j.Spec.Parallelism ?? 1,
        _ => 1,
    };
}
