using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Rendering;

namespace StackGen.Apply.Kube;

/// <summary>
/// Maps apiVersion/kind to REST resources. Built-in kinds come from the k8s.Models types' own
/// <see cref="KubernetesEntityAttribute"/> (no request needed); anything else (custom resources) from the
/// server's discovery documents, fetched once per group/version until <see cref="Refresh"/> (apply calls it once
/// the CustomResourceDefinitions it applied are established, so a kind the cache saw missing is looked up again).
/// </summary>
public sealed class ResourceTypes
{
    // Listed rather than found by scanning the assembly: scanning needs reflection that Native AOT trims away.
    // For kinds served in several versions, the preferred version comes first.
    private static readonly Type[] KnownModels =
    [
        typeof(V1Namespace), typeof(V1ServiceAccount), typeof(V1Secret), typeof(V1ConfigMap), typeof(V1Service),
        typeof(V1PersistentVolumeClaim), typeof(V1PersistentVolume), typeof(V1Pod), typeof(Corev1Event), typeof(V1Endpoints),
        typeof(V1ResourceQuota), typeof(V1LimitRange), typeof(V1Deployment), typeof(V1StatefulSet), typeof(V1DaemonSet),
        typeof(V1ReplicaSet), typeof(V1Job), typeof(V1CronJob), typeof(V2HorizontalPodAutoscaler), typeof(V1HorizontalPodAutoscaler),
        typeof(V1PodDisruptionBudget), typeof(V1Ingress), typeof(V1IngressClass), typeof(V1NetworkPolicy), typeof(V1Role),
        typeof(V1RoleBinding), typeof(V1ClusterRole), typeof(V1ClusterRoleBinding), typeof(V1StorageClass), typeof(V1PriorityClass),
        typeof(V1CustomResourceDefinition), typeof(V1APIService), typeof(V1Lease),
    ];

    private static readonly ResourceType[] Known = [.. KnownModels.Select(FromModel)];

    private readonly Func<string, CancellationToken, Task<JsonObject?>> _getDiscovery;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ResourceType>> _discovered = new(StringComparer.Ordinal);

    /// <param name="getDiscovery">GETs a discovery path (/api/v1, /apis/GROUP/VERSION, /apis); null when the server has none.</param>
    public ResourceTypes(Func<string, CancellationToken, Task<JsonObject?>> getDiscovery)
    {
        _getDiscovery = getDiscovery;
    }

    /// <summary>The built-in resource for apiVersion/kind, without asking the server; null for custom kinds.</summary>
    public static ResourceType? Builtin(string apiVersion, string kind) =>
        Known.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    public async Task<ResourceType> ResolveAsync(string apiVersion, string kind, CancellationToken cancel) =>
        await TryResolveAsync(apiVersion, kind, cancel).ConfigureAwait(false)
            ?? throw new KubeApiException($"the cluster does not serve kind {kind} in {apiVersion} (is its CustomResourceDefinition installed?)");

    /// <summary>The resource of apiVersion/kind; null when the cluster does not serve it (yet).</summary>
    public async Task<ResourceType?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancel)
    {
        if (Builtin(apiVersion, kind) is { } known)
        {
            return known;
        }

        var served = await DiscoverAsync(apiVersion, cancel).ConfigureAwait(false);
        return served.FirstOrDefault(t => t.Kind == kind);
    }

    /// <summary>Forgets what discovery said: the next lookup of a custom kind asks the server again.</summary>
    public void Refresh() => _discovered.Clear();

    /// <summary>The resource of a group/kind in its preferred version (ApplySet annotations name kinds without versions).</summary>
    public async Task<ResourceType?> ResolveAsync(GroupKind groupKind, CancellationToken cancel)
    {
        if (Known.FirstOrDefault(t => t.Group == groupKind.Group && t.Kind == groupKind.Kind) is { } known)
        {
            return known;
        }

        if (await _getDiscovery("/apis", cancel).ConfigureAwait(false) is not { } groups)
        {
            return null;
        }

        foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>().Where(g => (string?)g["name"] == groupKind.Group))
        {
            var version = (string?)group["preferredVersion"]?["groupVersion"];
            if (version is not null)
            {
                return (await DiscoverAsync(version, cancel).ConfigureAwait(false)).FirstOrDefault(t => t.Kind == groupKind.Kind);
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<ResourceType>> DiscoverAsync(string apiVersion, CancellationToken cancel)
    {
        if (_discovered.TryGetValue(apiVersion, out var cached))
        {
            return cached;
        }

        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var document = await _getDiscovery(group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}", cancel).ConfigureAwait(false);
        var types = (document?["resources"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => (string?)r["name"] is { } name && !name.Contains('/', StringComparison.Ordinal)) // skip status, scale...
            .Select(r => new ResourceType(group, version, (string?)r["kind"] ?? "", (string)r["name"]!, (bool?)r["namespaced"] ?? true))
            .ToArray();
        _discovered[apiVersion] = types;
        return types;
    }

    private static ResourceType FromModel(Type model)
    {
        var entity = model.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{model.Name} has no KubernetesEntity attribute");
        return new ResourceType(entity.Group ?? "", entity.ApiVersion, entity.Kind, entity.PluralName, InstallOrder.IsNamespaced(entity.Kind));
    }
}
