using k8s.Models;
using StackGen.Validation;

namespace StackGen.Stacks.RabbitMq;

/// <summary>SG2001: a RabbitMQ cluster of more than one node does not run with partition handling "ignore".</summary>
public sealed class RabbitMqPartitionHandling : Rule
{
    public override string Id => "SG2001";

    public override string Title => "RabbitMQ clusters do not ignore network partitions";

    public override string Explanation =>
        "RabbitMQ's default cluster_partition_handling is 'ignore': when the network splits a cluster, both sides keep " +
        "accepting publishes and deliveries. When it heals, the sides disagree (split brain) and tasks are consumed twice " +
        "or lost. 'pause_minority' pauses the nodes on the minority side until the partition heals, so only the majority " +
        "serves clients; with an odd number of nodes there always is one.";

    public override string Fix => "Set the stack's partitionHandling to pauseMinority (the default) and run an odd number of nodes (SG2009).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, cluster) in context.Facts<RabbitMqNodes>())
        {
            if (rendered.Resource is V1StatefulSet { Spec.Replicas: > 1 } nodes && cluster.PartitionHandling == PartitionHandling.Ignore)
            {
                yield return new Violation(rendered, $"runs {nodes.Spec.Replicas} RabbitMQ nodes with cluster_partition_handling = ignore (split brain on a partition)", cluster.PartitionHandlingSetting);
            }
        }
    }
}
