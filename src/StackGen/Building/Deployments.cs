using k8s.Models;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>Deployments in the standard shape: one component's pods, selected by that component's labels.</summary>
public static class Deployments
{
    /// <summary>
    /// A Deployment of <paramref name="pod"/>. Leave <paramref name="replicas"/> null when an autoscaler owns the
    /// count, so an apply does not reset what it scaled to.
    /// </summary>
    public static V1Deployment Create(StackContext context, string name, string component, int? replicas, V1DeploymentStrategy strategy, V1PodSpec pod) => new()
    {
        Metadata = context.Metadata(name, component),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Strategy = strategy,
            Selector = Pods.Selector(context, component),
            Template = Pods.Template(context, component, pod),
        },
    };

    /// <summary>Start one new pod before stopping an old one: capacity never drops during a rollout.</summary>
    public static V1DeploymentStrategy SurgeFirst() => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 },
    };

    /// <summary>Stop the old pod before starting the new one: for singletons that must never run twice.</summary>
    public static V1DeploymentStrategy Recreate() => new() { Type = "Recreate" };
}
