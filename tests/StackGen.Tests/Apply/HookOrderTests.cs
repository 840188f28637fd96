using System.Text.Json.Nodes;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Phases;
using StackGen.Apply.Sets;
using StackGen.Objects;

namespace StackGen.Tests.Apply;

/// <summary>
/// The order apply runs one phase's hooks in: stack dependency order, then weight, kind and name (Helm's order); and what
/// a hook that does not run in this apply leaves in its set.
/// </summary>
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

    /// <summary>A pre-install hook on an upgrade is not applied, but its kind stays in the set's parent so a later prune still finds it.</summary>
    [Fact]
    public void A_held_hook_keeps_its_kind_and_namespace_in_the_set()
    {
        var set = new ApplySet("production", "web", "shop");
        var plan = new StackPlan(set, new StackManifest("web", [], []), [], new PruneDecision([], []), null, [], [], null)
        {
            Held = [new ObjectRef("batch/v1", "Job", "shop", "web-seed")],
        };

        Assert.Contains(new GroupKind("batch", "Job"), plan.FinalGroupKinds);
        Assert.Equal(["shop"], plan.FinalNamespaces);
    }

    private static ObjectChange Change(string stack, string kind, string name, string? events, string? weight, ChangeKind change = ChangeKind.Create) =>
        new(stack, new ObjectRef(kind == "Job" ? "batch/v1" : kind == "Deployment" ? "apps/v1" : "v1", kind, "shop", name), new JsonObject(), null, null, change)
        {
            Hook = Hook.Parse(events, weight, null),
        };
}
