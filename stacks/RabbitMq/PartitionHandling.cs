namespace StackGen.Stacks.RabbitMq;

/// <summary>What RabbitMQ nodes do when the network splits the cluster.</summary>
public enum PartitionHandling
{
    /// <summary>Nodes on the minority side pause until the partition heals: no split brain.</summary>
    PauseMinority,

    /// <summary>After the partition heals, the losing side restarts; messages accepted there are lost.</summary>
    Autoheal,

    /// <summary>RabbitMQ's default: both sides keep accepting writes (split brain, tasks consumed twice).</summary>
    Ignore,
}
