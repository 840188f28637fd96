using k8s;
using k8s.Models;
using StackGen.Rendering;
using StackGen.Workloads;

namespace StackGen.Tests.Support;

/// <summary>Finds rendered objects by kind and name (never by index), and what tests read off them.</summary>
public static class RenderedObjects
{
    public static T Find<T>(this RenderResult result, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        result.Objects.Select(o => o.Resource).OfType<T>().Single(o => o.Metadata.Name == name);

    /// <summary>The container named <paramref name="name"/> of a workload's pod template, init containers included.</summary>
    public static V1Container Container(this IKubernetesObject<V1ObjectMeta> workload, string name)
    {
        var pod = PodTemplates.Of(workload)!.Spec;
        return pod.Containers.Concat(pod.InitContainers ?? []).Single(c => c.Name == name);
    }

    /// <summary>The pod template of a workload.</summary>
    public static V1PodTemplateSpec Template(this IKubernetesObject<V1ObjectMeta> workload) => PodTemplates.Of(workload)!;
}
