using k8s.Models;
using StackGen.Settings;

namespace StackGen.Building;

/// <summary>Container environment variables; secrets only ever as references.</summary>
public static class Env
{
    public static V1EnvVar Value(string name, string value) => new() { Name = name, Value = value };

    /// <summary>A variable read from a Secret key by the kubelet; the value never appears in a manifest.</summary>
    public static V1EnvVar FromSecret(string name, SecretRef secret) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.Key } },
    };

    /// <summary>A variable from the pod's own metadata, such as metadata.name.</summary>
    public static V1EnvVar FromField(string name, string fieldPath) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } },
    };
}
