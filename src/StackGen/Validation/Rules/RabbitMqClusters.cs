using k8s.Models;
using StackGen.Rendering;

namespace StackGen.Validation.Rules;

/// <summary>The RabbitMQ clusters of a render: StatefulSets of more than one node running a RabbitMQ image.</summary>
internal static class RabbitMqClusters
{
    public static IEnumerable<(RenderedObject Rendered, V1StatefulSet Nodes)> Of(LintContext context) =>
        context.OfType<V1StatefulSet>().Where(s =>
            (s.Resource.Spec.Replicas ?? 1) > 1
            && s.Resource.Spec.Template.Spec.Containers.Any(c => c.Image?.Contains("rabbitmq", StringComparison.Ordinal) == true));
}
