using StackGen.Apply.Diffing;
using StackGen.Emitting;
using StackGen.Rendering;

namespace StackGen.Cli;

/// <summary>
/// `diff --env E --against A`: two renders compared object by object, no cluster. An object is the same object in
/// both when stack, kind and name match: environments differ in namespace, so the namespace is compared inside the diff.
/// </summary>
public static class EnvironmentDiff
{
    /// <summary>Writes a unified diff (A before, E after) per object that differs; the number of objects that differ.</summary>
    /// <param name="environment">The render of --env and its name.</param>
    /// <param name="against">The render of --against and its name.</param>
    public static int Write((string Name, IReadOnlyList<RenderedObject> Objects) environment, (string Name, IReadOnlyList<RenderedObject> Objects) against, TextWriter output)
    {
        static string Key(RenderedObject o) => $"{o.Stack}/{o.Kind}/{o.Name}";
        var before = against.Objects.ToDictionary(Key, StringComparer.Ordinal);
        var after = environment.Objects.ToDictionary(Key, StringComparer.Ordinal);

        // The --env render's order, then what only --against renders in its order: both are deterministic.
        var keys = environment.Objects.Select(Key).Concat(against.Objects.Select(Key).Where(key => !after.ContainsKey(key)));
        var differ = 0;
        foreach (var key in keys)
        {
            var old = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            var diff = UnifiedDiff.Format(
                old is null ? "" : YamlEmitter.Write(old.Resource),
                now is null ? "" : YamlEmitter.Write(now.Resource),
                old is null ? "/dev/null" : $"{against.Name}/{key}",
                now is null ? "/dev/null" : $"{environment.Name}/{key}");
            if (diff.Length > 0)
            {
                output.Write(diff);
                differ++;
            }
        }

        return differ;
    }
}
