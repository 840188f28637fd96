using k8s.Models;

namespace StackGen.Workloads;

/// <summary>Where each kind of workload keeps its pod template: the one place render (checksums) and lint look it up.</summary>
public static class PodTemplates
{
    /// <summary>The pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob; null for other kinds.</summary>
    public static V1PodTemplateSpec? Of(object resource) => resource switch
    {
        V1Deployment d => d.Spec?.Template,
        V1StatefulSet s => s.Spec?.Template,
        V1DaemonSet d => d.Spec?.Template,
        V1ReplicaSet r => r.Spec?.Template,
        V1Job j => j.Spec?.Template,
        V1CronJob c => c.Spec?.JobTemplate?.Spec?.Template,
        _ => null,
    };

    /// <summary>The pod selector of a workload; null for other kinds, or a workload without one.</summary>
    public static V1LabelSelector? SelectorOf(object resource) => resource switch
    {
        V1Deployment d => d.Spec?.Selector,
        V1StatefulSet s => s.Spec?.Selector,
        V1DaemonSet d => d.Spec?.Selector,
        V1ReplicaSet r => r.Spec?.Selector,
        V1Job j => j.Spec?.Selector,
        V1CronJob c => c.Spec?.JobTemplate?.Spec?.Selector,
        _ => null,
    };

    /// <summary>Every container of a pod, init containers first (the order the kubelet starts them).</summary>
    public static IEnumerable<V1Container> Containers(V1PodSpec pod) => (pod.InitContainers ?? []).Concat(pod.Containers ?? []);
}
