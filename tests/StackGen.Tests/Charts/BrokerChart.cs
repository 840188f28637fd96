using k8s;
using k8s.Models;
using StackGen.Charts;
using StackGen.Stacks;

namespace StackGen.Tests.Charts;

/// <summary>
/// A test-only stack over the fixture chart queue (vendored by the test): the chart's objects, typed, with a typed patch
/// (the production lesson: give the broker time to hand its queues over before it is killed), one object removed and
/// an annotation on all.
/// </summary>
public sealed class BrokerChart : StackGen.Stacks.Stack<BrokerChartSettings>
{
    public override string Name => "broker";

    public override string Owner => "platform";

    public override string Description => "The fixture chart queue, rendered, patched";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, BrokerChartSettings settings) =>
        context.Chart(settings.Values)
            .Patch<V1StatefulSet>(settings.Nodes, nodes => nodes.Spec.Template.Spec.TerminationGracePeriodSeconds = 120)
            .Remove<V1ConfigMap>("broker-queue-capabilities")
            .Annotate("example.org/team", "platform");

    public static StackCatalog Catalog => new("shop", [new BrokerChart()]);
}
