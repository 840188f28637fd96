using StackGen.Stacks.RabbitMq;

namespace StackGen.Stacks;

/// <summary>This organisation's stacks, registered explicitly.</summary>
public static class Organisation
{
    public const string System = "python-shop";

    public static StackCatalog Catalog { get; } = new(System, [new RabbitMqCluster()]);
}
