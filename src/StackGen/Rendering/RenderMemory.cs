using System.Runtime;

namespace StackGen.Rendering;

/// <summary>
/// How a process that renders uses the garbage collector. A render is a short batch whose objects all stay alive
/// until they are written, so collecting during it finds almost nothing to free and only moves live objects between
/// generations; in large renders those pauses were a large share of the render (see bench/README.md). So the process
/// asks the GC not to collect until it has allocated <see cref="Budget"/>; a render that needs more (well beyond
/// 10,000 objects) collects as usual from then on. The memory is only reserved: pages are used as they are allocated,
/// so a small render's footprint does not change. Commands that go on after rendering (apply, diff, rollback talk to
/// the cluster and wait) call <see cref="RenderDone"/> first.
/// </summary>
public static class RenderMemory
{
    /// <summary>Allocations served before the first collection.</summary>
    public const long Budget = 256L << 20;

    /// <summary>Call once, at the start of the process (the CLI's entry point).</summary>
    public static void CollectOnlyBeyondBudget()
    {
        try
        {
            GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A heap limit smaller than the budget (DOTNET_GCHeapHardLimit), or already in such a region: the GC's
            // defaults are correct, only slower.
        }
    }

    /// <summary>Collect as usual from now on: the render is done and the process goes on (apply's waits).</summary>
    public static void RenderDone()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // A collection ended the region in the meantime: nothing to end.
        }
    }
}
