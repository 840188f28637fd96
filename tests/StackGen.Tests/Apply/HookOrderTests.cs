using System.Text.Json.Nodes;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Phases;
using StackGen.Objects;

namespace StackGen.Tests.Apply;

/// <summary>The order apply runs one phase's hooks in: stack dependency order, then weight, kind and name (Helm's order).</summary>
public sealed class HookOrderTests
{
    [Fact]
    public void Hooks_run_by_stack_order_then_weight_then_kind_and_name_and_unchanged_ones_not_at_all()
    {
        ObjectChange[] changes =
        [
            Change("web", "Job", "b-migrate", "pre-upgrade", "0"),
            Change("web", "Job", "a-seed", "pre-upgrade", "0"),
            Change("web", "ConfigMap", "z-first", "pre-upgrade", "-3"),
            Change("rabbitmq", "Job", "users", "pre-install,pre-upgrade", "10"),
            Change("web", "Job", "smoke", "post-upgrade", "0"),
            Change("web", "Job", "done", "pre-upgrade", "0", ChangeKind.Unchanged),
            Change("web", "Deployment", "web", null, null),
        ];

        var before = HookRunner.Ordered(changes, HookPhase.BeforeWorkloads, ["rabbitmq", "workers", "web"]);
        var after = HookRunner.Ordered(changes, HookPhase.AfterWorkloads, ["rabbitmq", "workers", "web"]);

        Assert.Equal(["users", "z-first", "a-seed", "b-migrate"], before.Select(c => c.Item.Name));
        Assert.Equal(["smoke"], after.Select(c => c.Item.Name));
    }

    private static ObjectChange Change(string stack, string kind, string name, string? events, string? weight, ChangeKind change = ChangeKind.Create) =>
        new(stack, new ObjectRef(kind == "Job" ? "batch/v1" : kind == "Deployment" ? "apps/v1" : "v1", kind, "shop", name), new JsonObject(), null, null, change)
        {
            Hook = Hook.Parse(events, weight, null),
        };
}
