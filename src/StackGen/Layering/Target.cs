namespace StackGen.Layering;

/// <summary>Where an environment deploys: the kube context, namespace and the cluster's Kubernetes version.</summary>
public sealed record Target
{
    /// <summary>The kubeconfig context apply uses.</summary>
    public required string Context { get; init; }

    /// <summary>The namespace every namespaced object goes to.</summary>
    public required string Namespace { get; init; }

    /// <summary>The cluster's Kubernetes minor version, such as "1.33" (quote it: 1.30 unquoted is the number 1.3).</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The cluster DNS domain used in service host names.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";
}
