using System.Text.Json.Nodes;
using StackGen.Emitting;
using StackGen.Rendering;

namespace StackGen.Apply.Manifests;

/// <summary>
/// One stack's part of what to apply: its objects as JSON, in render order, and the settings (with
/// provenance) that produced them, for the revision history.
/// </summary>
public sealed record StackManifest(string Stack, IReadOnlyList<JsonObject> Objects, IReadOnlyList<RevisionSetting> Settings)
{
    /// <summary>The manifests exactly as `stackgen render --stack STACK` prints them.</summary>
    public string Yaml() => YamlEmitter.Write(Objects);

    /// <summary>The stacks of a render, in dependency order (providers first); objects keep the render's order.</summary>
    public static IReadOnlyList<StackManifest> FromRender(RenderResult render) =>
        [.. render.StackOrder
            .Where(stack => render.Objects.Any(o => o.Stack == stack))
            .Select(stack => new StackManifest(
                stack,
                [.. render.Objects.Where(o => o.Stack == stack).Select(o => ToJson(o.Resource))],
                [.. render.Environment.Find(stack)!.Settings.Values.Select(v => new RevisionSetting(v.Path, v.Value, v.Source.ToString()))]))];

    public static JsonObject ToJson(object resource) => KubernetesObjects.ToJson(resource);
}
