using k8s;
using k8s.Autorest;
using k8s.Models;

namespace StackGen.Tests.FakeKube;

/// <summary>The <c>v1 Status</c> an API server sent with a failed request, as KubernetesClient surfaces it.</summary>
public static class KubeStatus
{
    /// <summary>The Status body of the failure (code, reason, message, details.causes).</summary>
    public static V1Status Status(this HttpOperationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return KubernetesJson.Deserialize<V1Status>(error.Response.Content);
    }
}
