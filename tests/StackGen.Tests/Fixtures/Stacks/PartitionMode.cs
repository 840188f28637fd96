namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>What the fixture broker's nodes do on a network partition (RabbitMQ's cluster_partition_handling).</summary>
public enum PartitionMode
{
    PauseMinority,
    Autoheal,
    Ignore,
}
