using k8s.Models;

namespace StackGen.Workloads;

/// <summary>Where each kind of workload keeps its pod template: the one place render (checksums) and lint look it up.</summary>
public static class PodTemplates
{
    /// <summary>The pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob; null for other kinds.</summary>
    public static V1PodTemplateSpec? Of(object resource) => Parts(resource).Template;

    /// <summary>The pod selector of a workload; null for other kinds, or a workload without one.</summary>
    public static V1LabelSelector? SelectorOf(object resource) => Parts(resource).Selector;

    private static (V1PodTemplateSpec? Template, V1LabelSelector? Selector) Parts(object resource) => resource switch
    {
        V1Deployment d => (d.Spec?.Template, d.Spec?.Selector),
        V1StatefulSet s => (s.Spec?.Template, s.Spec?.Selector),
        V1DaemonSet d => (d.Spec?.Template, d.Spec?.Selector),
        V1ReplicaSet r => (r.Spec?.Template, r.Spec?.Selector),
        V1Job j => (j.Spec?.Template, j.Spec?.Selector),
        V1CronJob c => (c.Spec?.JobTemplate?.Spec?.Template, c.Spec?.JobTemplate?.Spec?.Selector),
        _ => (null, null),
    };

    /// <summary>Every container of a pod, init containers first (the order the kubelet starts them).</summary>
    public static IEnumerable<V1Container> Containers(V1PodSpec pod) => (pod.InitContainers ?? []).Concat(pod.Containers ?? []);
}
