using k8s.Models;
using StackGen.Rendering;

namespace StackGen.Validation;

/// <summary>An object that runs pods: its pod template and how many replicas it asks for.</summary>
public sealed record Workload(RenderedObject Rendered, V1PodTemplateSpec Template, int Replicas)
{
    public V1PodSpec Pod => Template.Spec;

    /// <summary>Long-running workloads (not Jobs) are expected to have probes, PDBs and so on.</summary>
    public bool IsLongRunning => Rendered.Resource is V1Deployment or V1StatefulSet or V1DaemonSet;

    public IEnumerable<V1Container> AllContainers => (Pod.InitContainers ?? []).Concat(Pod.Containers ?? []);

    public static Workload? Of(RenderedObject rendered) => rendered.Resource switch
    {
        V1Deployment { Spec.Template: { } t } d => new Workload(rendered, t, d.Spec.Replicas ?? 1),
        V1StatefulSet { Spec.Template: { } t } s => new Workload(rendered, t, s.Spec.Replicas ?? 1),
        V1DaemonSet { Spec.Template: { } t } => new Workload(rendered, t, 1),
        V1Job { Spec.Template: { } t } j => new Workload(rendered, t, j.Spec.Parallelism ?? 1),
        V1CronJob { Spec.JobTemplate.Spec.Template: { } t } => new Workload(rendered, t, 1),
        _ => null,
    };
}
