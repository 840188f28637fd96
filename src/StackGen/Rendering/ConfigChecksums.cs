using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using StackGen.Parallelism;
using StackGen.Workloads;

namespace StackGen.Rendering;

/// <summary>
/// Puts a checksum of every rendered ConfigMap and Secret a pod template uses on that template, so a
/// configuration change rolls the pods (what Helm charts do by hand with sha256sum).
/// </summary>
public static class ConfigChecksums
{
    public const string Annotation = "checksum/config";

    public static void Apply(IReadOnlyList<RenderedObject> objects)
    {
        var configMaps = objects.Select(o => o.Resource).OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        var secrets = objects.Select(o => o.Resource).OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
        // A checksum depends only on the pod spec and the ConfigMaps and Secrets: computed in parallel for a large
        // render, then written onto the templates in order.
        V1PodTemplateSpec[] templates = [.. objects.Select(o => PodTemplates.Of(o.Resource)).OfType<V1PodTemplateSpec>()];
        var checksums = InOrder.Map(templates, template => Checksum(template.Spec, configMaps, secrets));
        for (var i = 0; i < templates.Length; i++)
        {
            if (checksums[i] is not { } checksum)
            {
                continue;
            }

            var template = templates[i];
            template.Metadata ??= new V1ObjectMeta();
            template.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
            template.Metadata.Annotations[Annotation] = checksum;
        }
    }

    /// <summary>The checksum of the ConfigMaps and Secrets the pod uses, or null when it uses none of the rendered ones.</summary>
    /// <remarks>Optional references count too: a rendered ConfigMap a pod may do without still changes what it runs.</remarks>
    private static string? Checksum(V1PodSpec? pod, Dictionary<string, V1ConfigMap> configMaps, Dictionary<string, V1Secret> secrets)
    {
        PodReference[] references = pod is null ? [] : [.. PodReferences.Of(pod)];
        var inputs = new StringBuilder();
        foreach (var name in Names(references, V1ConfigMap.KubeKind))
        {
            if (configMaps.TryGetValue(name, out var configMap))
            {
                Append(inputs, "ConfigMap", name, configMap.Data);
            }
        }

        foreach (var name in Names(references, V1Secret.KubeKind))
        {
            if (secrets.TryGetValue(name, out var secret))
            {
                Append(inputs, "Secret", name, secret.StringData);
            }
        }

        return inputs.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString())));
    }

    private static IEnumerable<string> Names(PodReference[] references, string kind) =>
        references.Where(r => r.Kind == kind).Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static void Append(StringBuilder inputs, string kind, string name, IDictionary<string, string>? data)
    {
        inputs.Append(kind).Append('/').Append(name).Append('\0');
        foreach (var (key, value) in (data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            inputs.Append(key).Append('\0').Append(value).Append('\0');
        }
    }
}
