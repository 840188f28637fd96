using k8s.Models;

namespace StackGen.Workloads;

/// <summary>
/// What a pod uses by name: the one list the config checksums (what rolls a pod) and lint (what must exist) read.
/// </summary>
public static class PodReferences
{
    /// <summary>
    /// The ServiceAccount (unless the namespace's default one, which always exists), the ConfigMaps and Secrets of
    /// volumes (projected sources included), of env valueFrom and of envFrom, and the PersistentVolumeClaims: each
    /// time it is used, in the pod's order.
    /// </summary>
    public static IEnumerable<PodReference> Of(V1PodSpec pod)
    {
        if (pod.ServiceAccountName is { } account && account != "default")
        {
            yield return new PodReference(V1ServiceAccount.KubeKind, account, Optional: false);
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.ConfigMap is { Name: { } configMap })
            {
                yield return ConfigMap(configMap, volume.ConfigMap.Optional);
            }

            if (volume.Secret is { SecretName: { } secret })
            {
                yield return Secret(secret, volume.Secret.Optional);
            }

            foreach (var source in volume.Projected?.Sources ?? [])
            {
                if (source.ConfigMap is { Name: { } projectedConfigMap })
                {
                    yield return ConfigMap(projectedConfigMap, source.ConfigMap.Optional);
                }

                if (source.Secret is { Name: { } projectedSecret })
                {
                    yield return Secret(projectedSecret, source.Secret.Optional);
                }
            }

            if (volume.PersistentVolumeClaim?.ClaimName is { } claim)
            {
                yield return new PodReference(V1PersistentVolumeClaim.KubeKind, claim, Optional: false);
            }
        }

        foreach (var container in PodTemplates.Containers(pod))
        {
            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.ConfigMapKeyRef is { Name: { } configMap } configMapKey)
                {
                    yield return ConfigMap(configMap, configMapKey.Optional);
                }

                if (env.ValueFrom?.SecretKeyRef is { Name: { } secret } secretKey)
                {
                    yield return Secret(secret, secretKey.Optional);
                }
            }

            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { Name: { } configMap })
                {
                    yield return ConfigMap(configMap, source.ConfigMapRef.Optional);
                }

                if (source.SecretRef is { Name: { } secret })
                {
                    yield return Secret(secret, source.SecretRef.Optional);
                }
            }
        }
    }

    private static PodReference ConfigMap(string name, bool? optional) => new(V1ConfigMap.KubeKind, name, optional == true);

    private static PodReference Secret(string name, bool? optional) => new(V1Secret.KubeKind, name, optional == true);
}
