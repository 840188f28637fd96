using System.Globalization;

namespace StackGen.Charts;

/// <summary>
/// The stable (GA) built-in API group/versions a Kubernetes minor version serves, for `helm template --api-versions`
/// (what `.Capabilities.APIVersions.Has` answers). helm adds these to the set it was built with and cannot take any
/// away, so a chart that tests for a removed beta still finds it: lint's SG1012 judges what the chart renders.
/// </summary>
public static class KubernetesApiVersions
{
    // group/version → the minor version that first served it. Checked against the OpenAPI specs in tests/k8s-openapi.
    private static readonly (string GroupVersion, int Since)[] Stable =
    [
        ("v1", 0),
        ("admissionregistration.k8s.io/v1", 16),
        ("apiextensions.k8s.io/v1", 16),
        ("apiregistration.k8s.io/v1", 10),
        ("apps/v1", 9),
        ("authentication.k8s.io/v1", 6),
        ("authorization.k8s.io/v1", 6),
        ("autoscaling/v1", 2),
        ("autoscaling/v2", 23),
        ("batch/v1", 0),
        ("certificates.k8s.io/v1", 19),
        ("coordination.k8s.io/v1", 14),
        ("discovery.k8s.io/v1", 21),
        ("events.k8s.io/v1", 19),
        ("flowcontrol.apiserver.k8s.io/v1", 29),
        ("networking.k8s.io/v1", 8),
        ("node.k8s.io/v1", 20),
        ("policy/v1", 21),
        ("rbac.authorization.k8s.io/v1", 8),
        ("resource.k8s.io/v1", 34),
        ("scheduling.k8s.io/v1", 14),
        ("storage.k8s.io/v1", 6),
    ];

    /// <summary>The stable group/versions served by <paramref name="kubernetesVersion"/> ("1.34"), sorted.</summary>
    public static IReadOnlyList<string> Served(string kubernetesVersion)
    {
        var minor = int.Parse(kubernetesVersion.Split('.')[1], CultureInfo.InvariantCulture);
        return [.. Stable.Where(s => s.Since <= minor).Select(s => s.GroupVersion).Order(StringComparer.Ordinal)];
    }
}
