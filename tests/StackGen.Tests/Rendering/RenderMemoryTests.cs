using System.Runtime;
using StackGen.Rendering;

namespace StackGen.Tests.Rendering;

public sealed class RenderMemoryTests
{
    [Fact]
    public void A_render_does_not_collect_until_the_budget_and_collects_again_once_done()
    {
        RenderMemory.CollectOnlyBeyondBudget();
        var during = GCSettings.LatencyMode;
        RenderMemory.RenderDone();

        Assert.Equal(GCLatencyMode.NoGCRegion, during);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        RenderMemory.RenderDone();
    }
}
