namespace StackGen.Workloads;

/// <summary>
/// An object a pod uses by name, such as ("ConfigMap", "web-config"). An optional one may be missing: the kubelet
/// then starts the pod without it (an empty volume, an unset variable) instead of refusing to.
/// </summary>
public sealed record PodReference(string Kind, string Name, bool Optional);
