namespace StackGen.Validation.Schemas;

/// <summary>
/// The API groups Kubernetes serves itself: an object in any other group is a custom resource, which needs a
/// CustomResourceDefinition. (Gateway API's gateway.networking.k8s.io is a CRD group despite its k8s.io suffix.)
/// A test checks the list against the OpenAPI specs in tests/k8s-openapi (extensions: the removed beta group SG1012 names).
/// </summary>
public static class KubernetesGroups
{
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        "", "admission.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "apps",
        "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io",
        "discovery.k8s.io", "events.k8s.io", "extensions", "flowcontrol.apiserver.k8s.io", "imagepolicy.k8s.io",
        "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io",
        "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
    };

    public static IReadOnlyCollection<string> All => BuiltIn;

    public static bool IsBuiltIn(string group) => BuiltIn.Contains(group);

    /// <summary>"monitoring.coreos.com/v1" → ("monitoring.coreos.com", "v1"); "v1" → ("", "v1").</summary>
    public static (string Group, string Version) Split(string apiVersion)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
