using k8s.Models;
using StackGen.Settings;

namespace StackGen.Building;

/// <summary>PersistentVolumeClaims from <see cref="VolumeSettings"/>.</summary>
public static class Volumes
{
    /// <summary>A claim on one node at a time (ReadWriteOnce) of the settings' size, in their storage class.</summary>
    public static V1PersistentVolumeClaimSpec ReadWriteOnce(VolumeSettings volume) => new()
    {
        AccessModes = ["ReadWriteOnce"],
        StorageClassName = volume.StorageClass,
        Resources = new V1VolumeResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = volume.Size.ToKubernetes() },
        },
    };
}
