using k8s;
using k8s.Models;

namespace StackGen.Rendering;

/// <summary>One rendered Kubernetes object and the stack that emitted it.</summary>
public sealed record RenderedObject(string Stack, IKubernetesObject<V1ObjectMeta> Resource)
{
    public string ApiVersion => Resource.ApiVersion;

    public string Kind => Resource.Kind;

    public string Name => Resource.Metadata.Name;

    /// <summary>"StatefulSet/rabbitmq", the way kubectl names objects.</summary>
    public string Id => $"{Kind}/{Name}";
}
