using k8s.Models;

namespace StackGen.Building;

/// <summary>Pod specs with the defaults every workload gets: non-root, no privilege escalation, no capabilities.</summary>
public static class Pods
{
    /// <summary>
    /// A pod of one container. No service-account token is mounted (add one with <c>with</c> for a pod that calls
    /// the API), and the container gets <see cref="Unprivileged"/> unless it sets its own security context.
    /// </summary>
    public static V1PodSpec Spec(V1Container container, long? user = null) => new()
    {
        AutomountServiceAccountToken = false,
        SecurityContext = NonRoot(user),
        Containers = [container.SecurityContext is null ? container with { SecurityContext = Unprivileged() } : container],
    };

    /// <summary>
    /// Runs as <paramref name="user"/> (also the group that owns mounted volumes), or, when null, as the numeric
    /// non-root USER the image declares: the kubelet refuses to start an image that would run as root.
    /// </summary>
    public static V1PodSecurityContext NonRoot(long? user = null) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The container may not gain privileges and holds no Linux capabilities.</summary>
    public static V1SecurityContext Unprivileged() => new()
    {
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
