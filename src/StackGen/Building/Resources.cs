using k8s.Models;
using StackGen.Settings;

namespace StackGen.Building;

/// <summary>Turns typed settings into the container fields Kubernetes wants.</summary>
public static class Resources
{
    /// <summary>The container resources block, or null when nothing is set.</summary>
    public static V1ResourceRequirements? ToKubernetes(this ComputeResources? resources)
    {
        var requests = Amounts(resources?.Requests);
        var limits = Amounts(resources?.Limits);
        return requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    private static Dictionary<string, ResourceQuantity>? Amounts(ResourceAmounts? amounts)
    {
        var result = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (amounts?.Cpu is { } cpu)
        {
            result["cpu"] = cpu.ToKubernetes();
        }

        if (amounts?.Memory is { } memory)
        {
            result["memory"] = memory.ToKubernetes();
        }

        return result.Count == 0 ? null : result;
    }
}
