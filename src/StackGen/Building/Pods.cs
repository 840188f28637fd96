using k8s.Models;
using StackGen.Settings;

namespace StackGen.Building;

/// <summary>Pod specs with the defaults every workload gets: non-root, no privilege escalation, no capabilities.</summary>
public static class Pods
{
    /// <summary>
    /// A pod of one container. No service-account token is mounted (add one with <c>with</c> for a pod that calls
    /// the API), and the container gets <see cref="Unprivileged"/> unless it sets its own security context.
    /// </summary>
    public static V1PodSpec Spec(V1Container container, RunAsSettings runAs) => new()
    {
        AutomountServiceAccountToken = false,
        SecurityContext = NonRoot(runAs),
        Containers = [container.SecurityContext is null ? container with { SecurityContext = Unprivileged() } : container],
    };

    /// <summary>
    /// Runs as the numeric user and group of <paramref name="runAs"/>; the group also owns mounted volumes. Always
    /// numeric: with only runAsNonRoot, the kubelet refuses an image whose USER is root or a name.
    /// </summary>
    public static V1PodSecurityContext NonRoot(RunAsSettings runAs) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = runAs.User,
        RunAsGroup = runAs.Group,
        FsGroup = runAs.Group,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The container may not gain privileges and holds no Linux capabilities.</summary>
    public static V1SecurityContext Unprivileged() => new()
    {
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
