using k8s.Models;
using StackGen.Settings;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>
/// Pod specs with the defaults every workload gets: non-root, no privilege escalation, no capabilities. The one place
/// those defaults are written; Deployments and StatefulSets take their pods from here.
/// </summary>
public static class Pods
{
    /// <summary>A pod of one container: see <see cref="Spec(RunAsSettings, IReadOnlyList{V1Container}, IReadOnlyList{V1Container}?)"/>.</summary>
    public static V1PodSpec Spec(V1Container container, RunAsSettings runAs) => Spec(runAs, [container]);

    /// <summary>
    /// A pod of <paramref name="containers"/>, after <paramref name="initContainers"/>. No service-account token is
    /// mounted (add one with <c>with</c> for a pod that calls the API), and every container, init containers
    /// included, gets <see cref="Unprivileged"/> for whatever of it the container does not set itself. Add init
    /// containers here, not with <c>with</c>, or they miss it.
    /// </summary>
    public static V1PodSpec Spec(RunAsSettings runAs, IReadOnlyList<V1Container> containers, IReadOnlyList<V1Container>? initContainers = null) => new()
    {
        AutomountServiceAccountToken = false,
        SecurityContext = NonRoot(runAs),
        InitContainers = initContainers is null or [] ? null : [.. initContainers.Select(WithDefaults)],
        Containers = [.. containers.Select(WithDefaults)],
    };

    /// <summary>The pod template of a component: its pods carry every standard label, the selector's included.</summary>
    public static V1PodTemplateSpec Template(StackContext context, string component, V1PodSpec pod) => new()
    {
        Metadata = new V1ObjectMeta { Labels = context.Labels(component) },
        Spec = pod,
    };

    /// <summary>The selector of a component's workload: only labels that stay the same for its whole life.</summary>
    public static V1LabelSelector Selector(StackContext context, string component) => new() { MatchLabels = context.SelectorLabels(component) };

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

    /// <summary>
    /// <see cref="Unprivileged"/> under what the container sets itself: a container that needs a capability or
    /// a read-only root says so field by field and keeps the other defaults.
    /// </summary>
    private static V1Container WithDefaults(V1Container container) => container with
    {
        SecurityContext = container.SecurityContext is not { } own
            ? Unprivileged()
            : own with
            {
                AllowPrivilegeEscalation = own.AllowPrivilegeEscalation ?? false,
                Capabilities = own.Capabilities is { } capabilities
                    ? capabilities with { Drop = capabilities.Drop ?? ["ALL"] }
                    : new V1Capabilities { Drop = ["ALL"] },
            },
    };
}
