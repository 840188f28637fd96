using System.Security.Cryptography;
using System.Text;
using StackGen.Building;
using StackGen.Emitting;

namespace StackGen.Rendering;

/// <summary>
/// Names each object built by <see cref="Jobs.RunOnce"/> (annotated <see cref="Jobs.RunsOfAnnotation"/>) after its
/// content: NAME-HASH, HASH the first 10 hex digits of the SHA-256 of its <c>spec</c> as the one JSON writer writes it.
/// Runs after the config checksums, so a changed ConfigMap the Job mounts, a changed image, command, argument or
/// variable, anything of the (immutable) pod template, gives a new name; labels and annotations of the Job itself do not.
/// The same inputs give the same name on every machine.
/// </summary>
public static class ContentNames
{
    /// <summary>Hex digits of the hash in a name: 40 bits, enough to tell a Job's runs apart, short enough for the 63-character label a Job's pods carry.</summary>
    public const int HashLength = 10;

    public static void Apply(IReadOnlyList<RenderedObject> objects)
    {
        foreach (var rendered in objects)
        {
            var metadata = rendered.Resource.Metadata;
            if (metadata.Annotations?.TryGetValue(Jobs.RunsOfAnnotation, out var name) == true)
            {
                metadata.Name = $"{name}-{Hash(rendered.Resource)}";
            }
        }
    }

    private static string Hash(object resource)
    {
        var spec = KubernetesObjects.ToJson(resource)["spec"]?.ToJsonString() ?? "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec)))[..HashLength];
    }
}
