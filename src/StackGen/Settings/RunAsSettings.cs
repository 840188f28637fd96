using System.ComponentModel.DataAnnotations;

namespace StackGen.Settings;

/// <summary>
/// The numeric user and group a pod's processes run as. Numeric, because with runAsNonRoot the kubelet refuses
/// to start an image whose USER is root or a name it cannot check; the image must let this user read its files.
/// </summary>
public sealed record RunAsSettings
{
    /// <summary>The uid (runAsUser); 0 (root) is refused.</summary>
    [Range(1, int.MaxValue)]
    public long User { get; init; } = 1000;

    /// <summary>The gid (runAsGroup), which also owns the pod's writable volumes (fsGroup).</summary>
    [Range(1, int.MaxValue)]
    public long Group { get; init; } = 1000;
}
