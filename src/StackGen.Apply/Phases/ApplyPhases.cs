using StackGen.Objects;

namespace StackGen.Apply.Phases;

/// <summary>
/// What an apply writes, in the phases it writes it: the objects that precede workloads (namespaces, identities,
/// configuration, services, storage), the pre-install/pre-upgrade hooks, the workloads and everything after them, and,
/// once those are healthy, the post-install/post-upgrade hooks. Unchanged objects are left out. Apply and its dry run
/// both read this one order.
/// </summary>
public sealed record ApplyPhases(
    IReadOnlyList<ObjectChange> Foundation,
    IReadOnlyList<ObjectChange> BeforeWorkloads,
    IReadOnlyList<ObjectChange> Workloads,
    IReadOnlyList<ObjectChange> AfterWorkloads)
{
    public static ApplyPhases Of(Plan plan)
    {
        var stackOrder = plan.Stacks.Select(s => s.Set.Stack).ToArray();
        var changed = plan.Changes.Where(c => c.Kind != ChangeKind.Unchanged && c.Hook is null).ToArray();
        return new ApplyPhases(
            [.. changed.Where(c => ApplyOrder.PrecedesWorkloads(c.Item))],
            HookRunner.Ordered(plan.Changes, HookPhase.BeforeWorkloads, stackOrder),
            [.. changed.Where(c => !ApplyOrder.PrecedesWorkloads(c.Item))],
            HookRunner.Ordered(plan.Changes, HookPhase.AfterWorkloads, stackOrder));
    }
}
