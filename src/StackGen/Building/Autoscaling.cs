using k8s.Models;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>HorizontalPodAutoscalers (autoscaling/v2) for a stack's Deployment.</summary>
public static class Autoscaling
{
    /// <summary>Scales the Deployment named <paramref name="name"/> between the bounds on average CPU utilization.</summary>
    public static V2HorizontalPodAutoscaler OnCpu(StackContext context, string name, string component, int minReplicas, int maxReplicas, int cpuUtilization) => new()
    {
        Metadata = context.Metadata(name, component),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference
            {
                ApiVersion = $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}",
                Kind = V1Deployment.KubeKind,
                Name = name,
            },
            MinReplicas = minReplicas,
            MaxReplicas = maxReplicas,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = cpuUtilization },
                    },
                },
            ],
        },
    };
}
