namespace StackGen.Stacks.RabbitMq;

/// <summary>
/// The fact that a StatefulSet runs the nodes of one RabbitMQ cluster, stated by the stack that builds it, and read by the
/// RabbitMQ rules (<see cref="RabbitMqPartitionHandling"/>, <see cref="OddQuorumSize"/>) instead of guessing from images or
/// config text. The cluster's size is the StatefulSet's replicas.
/// </summary>
/// <param name="PartitionHandling">What the nodes are configured to do on a network partition.</param>
/// <param name="ReplicasSetting">The setting behind the node count, as the binder names it ("replicas").</param>
/// <param name="PartitionHandlingSetting">The setting behind <paramref name="PartitionHandling"/> ("partitionHandling").</param>
public sealed record RabbitMqNodes(PartitionHandling PartitionHandling, string ReplicasSetting, string PartitionHandlingSetting)
{
    /// <summary>The rules that read this fact: a stack that states it lists them in its <c>Rules</c>.</summary>
    public static IReadOnlyList<Validation.Rule> Rules { get; } = [new RabbitMqPartitionHandling(), new OddQuorumSize()];
}
