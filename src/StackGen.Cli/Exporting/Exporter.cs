using StackGen.Emitting;
using StackGen.Rendering;

namespace StackGen.Cli.Exporting;

/// <summary>
/// `render --for`: a render as the files (or the stream) a GitOps engine applies. An emit-time view: the render is not
/// changed, so what apply sends stays the single source of truth, and the plain export is the render's bytes.
/// </summary>
public static class Exporter
{
    /// <summary>What `render --output DIR` leaves in DIR/ENV.</summary>
    /// <param name="flux">Where Flux reads DIR; only --for flux uses it.</param>
    public static OutputTree Tree(RenderResult result, ExportTarget target, FluxSource? flux) => target switch
    {
        ExportTarget.Plain => OutputTree.Plain(result.Objects),
        ExportTarget.ArgoCd => new OutputTree(
            [.. result.Objects.Zip(ArgoCdExport.Annotate(result, new StackGraph(result)), (rendered, item) => new OutputFile(OutputTree.PathOf(rendered), YamlEmitter.Write(item)))],
            ExportTargets.NameOf(target)),
        ExportTarget.Flux => new OutputTree(
            FluxExport.Files(result, new StackGraph(result), flux ?? throw new ArgumentNullException(nameof(flux))),
            ExportTargets.NameOf(target)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    /// <summary>What `render` prints: the objects as one stream (plain or argocd; flux needs its directories).</summary>
    public static IEnumerable<object> Stream(RenderResult result, ExportTarget target) => target switch
    {
        ExportTarget.Plain => result.Objects.Select(o => (object)o.Resource),
        ExportTarget.ArgoCd => ArgoCdExport.Annotate(result, new StackGraph(result)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "only plain and argocd print as one stream"),
    };
}
