namespace StackGen.Validation.Rules;

/// <summary>SG1012: only API versions the environment's Kubernetes version serves, and no ReplicationControllers.</summary>
public sealed class CurrentApis : Rule
{
    // apiVersion/kind → the minor version that stopped serving it, and what replaces it.
    // From the Kubernetes deprecated API migration guide; checked against the OpenAPI specs in tests/k8s-openapi.
    private static readonly Dictionary<string, (int RemovedIn, string Use)> Removed = new(StringComparer.Ordinal)
    {
        ["extensions/v1beta1/Deployment"] = (16, "apps/v1"),
        ["extensions/v1beta1/DaemonSet"] = (16, "apps/v1"),
        ["extensions/v1beta1/ReplicaSet"] = (16, "apps/v1"),
        ["extensions/v1beta1/NetworkPolicy"] = (16, "networking.k8s.io/v1"),
        ["extensions/v1beta1/Ingress"] = (22, "networking.k8s.io/v1"),
        ["apps/v1beta1/Deployment"] = (16, "apps/v1"),
        ["apps/v1beta1/StatefulSet"] = (16, "apps/v1"),
        ["apps/v1beta2/Deployment"] = (16, "apps/v1"),
        ["apps/v1beta2/StatefulSet"] = (16, "apps/v1"),
        ["apps/v1beta2/DaemonSet"] = (16, "apps/v1"),
        ["networking.k8s.io/v1beta1/Ingress"] = (22, "networking.k8s.io/v1"),
        ["networking.k8s.io/v1beta1/IngressClass"] = (22, "networking.k8s.io/v1"),
        ["rbac.authorization.k8s.io/v1beta1/Role"] = (22, "rbac.authorization.k8s.io/v1"),
        ["rbac.authorization.k8s.io/v1beta1/RoleBinding"] = (22, "rbac.authorization.k8s.io/v1"),
        ["rbac.authorization.k8s.io/v1beta1/ClusterRole"] = (22, "rbac.authorization.k8s.io/v1"),
        ["rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding"] = (22, "rbac.authorization.k8s.io/v1"),
        ["batch/v1beta1/CronJob"] = (25, "batch/v1"),
        ["policy/v1beta1/PodDisruptionBudget"] = (25, "policy/v1"),
        ["policy/v1beta1/PodSecurityPolicy"] = (25, "Pod Security admission"),
        ["autoscaling/v2beta1/HorizontalPodAutoscaler"] = (25, "autoscaling/v2"),
        ["autoscaling/v2beta2/HorizontalPodAutoscaler"] = (26, "autoscaling/v2"),
        ["discovery.k8s.io/v1beta1/EndpointSlice"] = (25, "discovery.k8s.io/v1"),
        ["storage.k8s.io/v1beta1/CSIStorageCapacity"] = (27, "storage.k8s.io/v1"),
        ["flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema"] = (29, "flowcontrol.apiserver.k8s.io/v1"),
        ["flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema"] = (32, "flowcontrol.apiserver.k8s.io/v1"),
    };

    public override string Id => "SG1012";

    public override string Title => "Only API versions the target Kubernetes version serves";

    public override string Explanation =>
        "Beta API versions are removed a few releases after their replacement goes GA: apps/v1beta1 StatefulSets and " +
        "extensions/v1beta1 Deployments stopped being served in 1.16, policy/v1beta1 PodDisruptionBudgets in 1.25. A render " +
        "that uses one fails on the upgraded cluster, usually during the upgrade. ReplicationController is still served " +
        "but superseded by Deployments (rolling updates, rollbacks, set-based selectors); StackGen does not render it.";

    public override string Fix => "Use the replacement API version named in the finding (apps/v1 Deployment for a ReplicationController).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var rendered in context.Objects)
        {
            if (rendered.Kind == "ReplicationController")
            {
                yield return new Violation(rendered, "is a ReplicationController; use an apps/v1 Deployment");
            }
            else if (Removed.TryGetValue($"{rendered.ApiVersion}/{rendered.Kind}", out var removed) && context.KubernetesMinor >= removed.RemovedIn)
            {
                yield return new Violation(rendered, $"{rendered.ApiVersion} {rendered.Kind} is not served since Kubernetes 1.{removed.RemovedIn} (target is {context.Environment.Target.KubernetesVersion}); use {removed.Use}");
            }
        }
    }
}
