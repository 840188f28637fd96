using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using StackGen.Parallelism;

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
        V1PodTemplateSpec[] templates = [.. objects.Select(o => PodTemplate(o.Resource)).OfType<V1PodTemplateSpec>()];
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
    private static string? Checksum(V1PodSpec? pod, Dictionary<string, V1ConfigMap> configMaps, Dictionary<string, V1Secret> secrets)
    {
        var (configMapNames, secretNames) = References(pod);
        var inputs = new StringBuilder();
        foreach (var name in configMapNames.Order(StringComparer.Ordinal))
        {
            if (configMaps.TryGetValue(name, out var configMap))
            {
                Append(inputs, "ConfigMap", name, configMap.Data);
            }
        }

        foreach (var name in secretNames.Order(StringComparer.Ordinal))
        {
            if (secrets.TryGetValue(name, out var secret))
            {
                Append(inputs, "Secret", name, secret.StringData);
            }
        }

        return inputs.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString())));
    }

    /// <summary>The pod template of a workload, or null for kinds without one.</summary>
    public static V1PodTemplateSpec? PodTemplate(object workload) => workload switch
    {
        V1Deployment d => d.Spec?.Template,
        V1StatefulSet s => s.Spec?.Template,
        V1DaemonSet d => d.Spec?.Template,
        V1Job j => j.Spec?.Template,
        V1CronJob c => c.Spec?.JobTemplate?.Spec?.Template,
        _ => null,
    };

    private static (HashSet<string> ConfigMaps, HashSet<string> Secrets) References(V1PodSpec? pod)
    {
        var configMaps = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (pod is null)
        {
            return (configMaps, secrets);
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            Add(configMaps, volume.ConfigMap?.Name);
            Add(secrets, volume.Secret?.SecretName);
            foreach (var source in volume.Projected?.Sources ?? [])
            {
                Add(configMaps, source.ConfigMap?.Name);
                Add(secrets, source.Secret?.Name);
            }
        }

        foreach (var container in (pod.Containers ?? []).Concat(pod.InitContainers ?? []))
        {
            foreach (var env in container.Env ?? [])
            {
                Add(configMaps, env.ValueFrom?.ConfigMapKeyRef?.Name);
                Add(secrets, env.ValueFrom?.SecretKeyRef?.Name);
            }

            foreach (var source in container.EnvFrom ?? [])
            {
                Add(configMaps, source.ConfigMapRef?.Name);
                Add(secrets, source.SecretRef?.Name);
            }
        }

        return (configMaps, secrets);
    }

    private static void Add(HashSet<string> names, string? name)
    {
        if (name is not null)
        {
            names.Add(name);
        }
    }

    private static void Append(StringBuilder inputs, string kind, string name, IDictionary<string, string>? data)
    {
        inputs.Append(kind).Append('/').Append(name).Append('\0');
        foreach (var (key, value) in (data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            inputs.Append(key).Append('\0').Append(value).Append('\0');
        }
    }
}
