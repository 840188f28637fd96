namespace StackGen.Tests.FakeKube;

/// <summary>How a <see cref="FakeKubeApiServer"/> is set up.</summary>
public sealed record FakeKubeOptions
{
    /// <summary>
    /// The Kubernetes minor version served: its OpenAPI spec (tests/k8s-openapi/) decides how server-side apply
    /// merges lists and which fields exist, and /version reports it.
    /// </summary>
    public string KubernetesVersion { get; init; } = "1.34";

    /// <summary>The kinds served; add a line to serve another (a custom resource is served untyped).</summary>
    public IReadOnlyList<ResourceType> Resources { get; init; } = ResourceCatalog.Served;

    /// <summary>Namespaces that exist from the start, as on a fresh cluster.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>The clock behind timestamps (creationTimestamp, managedFields time, conditions, Events).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The bearer token the server requires and the kubeconfig it writes carries.</summary>
    public string Token { get; init; } = "fake-kube-token";

    /// <summary>HTTPS with these certificates; null serves plain HTTP.</summary>
    public FakeKubeTls? Tls { get; init; }
}
