using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;

namespace StackGen.Apply;

/// <summary>
/// `stackgen diff`: what apply would change, as a unified YAML diff per object (live object against the
/// server's dry-run result, server noise removed) and the objects it would prune. Changes nothing.
/// </summary>
public sealed class DiffReport(ResourceClient client, string environment, string ns, TextWriter output, TextWriter error)
{
    public async Task<DiffOutcome> RunAsync(IReadOnlyList<StackManifest> stacks, bool force, CancellationToken cancel)
    {
        var plan = await new Planner(client, environment, ns).PlanAsync(stacks, force, cancel).ConfigureAwait(false);
        foreach (var warning in plan.Warnings)
        {
            await error.WriteLineAsync(warning).ConfigureAwait(false);
        }
        foreach (var problem in plan.Errors)
        {
            await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
        }

        foreach (var (item, conflict) in plan.Conflicts)
        {
            await error.WriteLineAsync($"error: {item.Display}: {conflict.Field} is owned by \"{conflict.Manager}\"; apply would stop on this conflict (diff --force-conflicts shows the result of taking it)").ConfigureAwait(false);
        }

        if (!plan.CanApply)
        {
            return DiffOutcome.Failed;
        }

        var changed = 0;
        foreach (var change in plan.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
        {
            await output.WriteAsync(change.Diff()).ConfigureAwait(false);
            changed++;
        }

        foreach (var stack in plan.Stacks)
        {
            foreach (var item in stack.Prune.Delete)
            {
                await output.WriteLineAsync($"would prune {item.Display} (left the render of stack {stack.Set.Stack})").ConfigureAwait(false);
                changed++;
            }

            foreach (var kept in stack.Prune.Keep)
            {
                await error.WriteLineAsync($"{kept.Item.Display} left the render of stack {stack.Set.Stack} but is kept ({kept.Reason})").ConfigureAwait(false);
            }
        }

        return changed == 0 ? DiffOutcome.NoChanges : DiffOutcome.Changes;
    }
}
