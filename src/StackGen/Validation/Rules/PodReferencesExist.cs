using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1009: ConfigMaps, Secrets, PVCs and ServiceAccounts a pod uses are in the render or declared external.</summary>
public sealed class PodReferencesExist : Rule
{
    public override string Id => "SG1009";

    public override string Title => "What a pod refers to exists: in the render, or declared external";

    public override string Explanation =>
        "A pod that mounts or reads a ConfigMap, Secret or PersistentVolumeClaim that does not exist is created but never " +
        "starts (CreateContainerConfigError, or stuck ContainerCreating); a missing ServiceAccount stops the pod from being " +
        "created at all. Secrets named by SecretRef settings are external by design (their values never pass through " +
        "StackGen); anything else created outside the render must be listed under lint.external in the environment file.";

    public override string Fix => "Render the object, fix the name, or add \"Kind/name\" to lint.external in the environment file.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var (kind, name) in References(workload.Pod).Distinct())
            {
                if (!context.Exists(kind, name))
                {
                    yield return new Violation(workload.Rendered, $"uses {kind} '{name}', which is neither in the render nor declared external");
                }
            }
        }
    }

    private static IEnumerable<(string Kind, string Name)> References(V1PodSpec pod)
    {
        if (pod.ServiceAccountName is { } account && account != "default")
        {
            yield return ("ServiceAccount", account);
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.ConfigMap is { Optional: not true, Name: { } configMap })
            {
                yield return ("ConfigMap", configMap);
            }

            if (volume.Secret is { Optional: not true, SecretName: { } secret })
            {
                yield return ("Secret", secret);
            }

            if (volume.PersistentVolumeClaim?.ClaimName is { } claim)
            {
                yield return ("PersistentVolumeClaim", claim);
            }
        }

        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers ?? []))
        {
            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.ConfigMapKeyRef is { Optional: not true, Name: { } configMap })
                {
                    yield return ("ConfigMap", configMap);
                }

                if (env.ValueFrom?.SecretKeyRef is { Optional: not true, Name: { } secret })
                {
                    yield return ("Secret", secret);
                }
            }

            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { Optional: not true, Name: { } configMap })
                {
                    yield return ("ConfigMap", configMap);
                }

                if (source.SecretRef is { Optional: not true, Name: { } secret })
                {
                    yield return ("Secret", secret);
                }
            }
        }
    }
}
