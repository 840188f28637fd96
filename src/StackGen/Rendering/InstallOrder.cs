using StackGen.Objects;

namespace StackGen.Rendering;

/// <summary>
/// The order kinds are printed and applied in: what others depend on first (namespaces, identities,
/// configuration, services, storage), then workloads, then what watches workloads (autoscalers,
/// disruption budgets), then run-to-completion Jobs and ingress.
/// </summary>
public static class InstallOrder
{
    private static readonly string[] Kinds =
    [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PriorityClass", "ServiceAccount", "Secret", "ConfigMap",
        "StorageClass", "PersistentVolume", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "Service", "PersistentVolumeClaim", "DaemonSet", "Deployment", "StatefulSet", "ReplicaSet", "Pod",
        "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly HashSet<string> ClusterScoped =
    [
        "Namespace", "PriorityClass", "StorageClass", "PersistentVolume", "CustomResourceDefinition", "ClusterRole",
        "ClusterRoleBinding", "IngressClass", "APIService", "Node", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    ];

    /// <summary>The kind's rank; kinds not listed go last.</summary>
    public static int Rank(string kind)
    {
        var index = Array.IndexOf(Kinds, kind);
        return index < 0 ? Kinds.Length : index;
    }

    /// <summary>Whether a built-in kind is namespaced; a kind not known to be cluster-scoped is taken to be namespaced.</summary>
    public static bool IsNamespaced(string kind) => !ClusterScoped.Contains(kind);

    /// <summary>
    /// Whether objects of this kind are namespaced: a custom kind's scope as its CRD in <c>crds/</c> states it, otherwise
    /// the built-in kind's.
    /// </summary>
    public static bool IsNamespaced(string apiVersion, string kind) =>
        CustomResourceKinds.Find(apiVersion, kind)?.Namespaced ?? IsNamespaced(kind);
}
