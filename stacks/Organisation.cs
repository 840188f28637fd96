using StackGen.Stacks.Celery;
using StackGen.Stacks.Pghoard;
using StackGen.Stacks.RabbitMq;
using StackGen.Stacks.Web;

namespace StackGen.Stacks;

/// <summary>This organisation's stacks, registered explicitly.</summary>
public static class Organisation
{
    public const string System = "python-shop";

    public static StackCatalog Catalog { get; } = new(System, [new RabbitMqCluster(), new CeleryWorkers(), new PghoardBackup(), new FlaskWeb()]);
}
