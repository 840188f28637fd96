using k8s;
using k8s.Models;
using StackGen.Charts;

namespace StackGen.Tests.Charts;

/// <summary>A test-only stack rendering the fixture chart legacy as it is, for lint to judge.</summary>
public sealed class LegacyChart : StackGen.Stacks.Stack<LegacyChartSettings>
{
    public override string Name => "rmq";

    public override string Owner => "platform";

    public override string Description => "The fixture chart legacy, unpatched";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackGen.Stacks.StackContext context, LegacyChartSettings settings) =>
        context.Chart(settings.Values);
}
