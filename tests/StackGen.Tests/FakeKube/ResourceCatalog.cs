using static StackGen.Tests.FakeKube.ResourceTraits;

namespace StackGen.Tests.FakeKube;

/// <summary>The kinds the fake API server serves by default: one line per kind.</summary>
public static class ResourceCatalog
{
    public static IReadOnlyList<ResourceType> Served { get; } =
    [
        Cluster("v1", "Namespace", "namespaces", Status, "ns"),
        Namespaced("v1", "ConfigMap", "configmaps", None, "cm"),
        Namespaced("v1", "Secret", "secrets", None),
        Namespaced("v1", "Service", "services", Status | CreateOnUpdate, "svc"),
        Namespaced("v1", "ServiceAccount", "serviceaccounts", None, "sa"),
        Namespaced("v1", "PersistentVolumeClaim", "persistentvolumeclaims", Status, "pvc"),
        Namespaced("v1", "Pod", "pods", Status | Generation, "po"),
        Namespaced("v1", "Event", "events", CreateOnUpdate, "ev"),
        Namespaced("apps/v1", "Deployment", "deployments", Status | Generation | AnnotationsBumpGeneration, "deploy"),
        Namespaced("apps/v1", "StatefulSet", "statefulsets", Status | Generation, "sts"),
        Namespaced("apps/v1", "DaemonSet", "daemonsets", Status | Generation, "ds"),
        Namespaced("batch/v1", "Job", "jobs", Status | Generation),
        Namespaced("batch/v1", "CronJob", "cronjobs", Status | Generation, "cj"),
        Namespaced("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", Status | Generation, "pdb"),
        Namespaced("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", Status | Generation, "hpa"),
        Namespaced("networking.k8s.io/v1", "Ingress", "ingresses", Status | Generation, "ing"),
        Namespaced("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", Generation, "netpol"),
        Namespaced("rbac.authorization.k8s.io/v1", "Role", "roles", None),
        Namespaced("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", None),
        Cluster("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", None),
        Cluster("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", None),
        Namespaced("coordination.k8s.io/v1", "Lease", "leases", CreateOnUpdate | ConditionalUpdateOnly),
        Cluster("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", Status | Generation, "crd", "crds"),
    ];

    /// <summary>A namespaced kind; <paramref name="apiVersion"/> as in an object ("v1", "apps/v1").</summary>
    public static ResourceType Namespaced(string apiVersion, string kind, string plural, ResourceTraits traits, params string[] shortNames) =>
        Create(apiVersion, kind, plural, namespaced: true, traits, shortNames);

    /// <summary>A cluster-scoped kind; <paramref name="apiVersion"/> as in an object ("v1", "apps/v1").</summary>
    public static ResourceType Cluster(string apiVersion, string kind, string plural, ResourceTraits traits, params string[] shortNames) =>
        Create(apiVersion, kind, plural, namespaced: false, traits, shortNames);

    private static ResourceType Create(string apiVersion, string kind, string plural, bool namespaced, ResourceTraits traits, string[] shortNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return new ResourceType(group, version, kind, plural, namespaced, traits, shortNames);
    }
}
