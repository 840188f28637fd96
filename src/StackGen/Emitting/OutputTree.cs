using StackGen.Rendering;

namespace StackGen.Emitting;

/// <summary>
/// What `render --output` leaves in DIR/ENV besides its manifest: every file, its path relative to DIR/ENV, and the
/// export it was written for (null: the plain render, one file per object; "argocd" or "flux": a GitOps engine's view
/// of it, which may add files such as kustomization.yaml). The manifest names the export, so a later run can tell.
/// </summary>
public sealed record OutputTree(IReadOnlyList<OutputFile> Files, string? Export = null)
{
    /// <summary>The plain render: DIR/ENV/STACK/KIND-NAME.yaml per object, exactly as `render` prints each.</summary>
    public static OutputTree Plain(IReadOnlyList<RenderedObject> objects) =>
        new([.. objects.Select(o => new OutputFile(PathOf(o), YamlEmitter.Write(o.Resource)))]);

    /// <summary>"rabbitmq/statefulset-rabbitmq.yaml": where an object's file goes under DIR/ENV.</summary>
    public static string PathOf(RenderedObject rendered) => $"{rendered.Stack}/{OutputDirectory.FileName(rendered)}";
}
