using System.Text.Json.Nodes;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Locking;
using StackGen.Apply.Manifests;
using StackGen.Apply.Phases;
using StackGen.Apply.Waiting;

namespace StackGen.Apply;

/// <summary>
/// Applies stacks to a cluster: make sure the target namespace exists (creating it only when asked), plan with
/// dry runs (conflicts and rejected objects stop everything before the first write), take each changed stack's
/// lock and plan again under it, widen each set's parent, server-side apply what changed in install and dependency order
/// (configuration, services and storage; then the pre-install/pre-upgrade hooks, each waited for until complete; then
/// the workloads and the rest), prune what left the render, narrow the parents, wait for health, run the
/// post-install/post-upgrade hooks, record a revision per stack. An unchanged render writes nothing at all. Every
/// step is idempotent: an apply cut off anywhere converges when run again.
/// </summary>
public sealed class Applier(ResourceClient client, ApplyHost host, string environment, string ns, TextWriter output, TextWriter error)
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <returns>True when everything was applied (or already was) and is healthy.</returns>
    public async Task<bool> ApplyAsync(IReadOnlyList<StackManifest> stacks, ApplyOptions options, RevisionNote note, CancellationToken cancel)
    {
        var locks = new List<ApplyLock>();
        try
        {
            // Before anything else: the lock, the sets' parents and every object live in the namespace.
            var target = new TargetNamespace(client, ns);
            var unborn = !await target.ExistsAsync(stacks, cancel).ConfigureAwait(false);
            if (unborn && !options.CreateNamespace)
            {
                await error.WriteLineAsync($"error: namespace {ns} does not exist; nothing was applied (apply with --create-namespace to create it, or pass --namespace)").ConfigureAwait(false);
                return false;
            }

            if (unborn)
            {
                await client.ApplyAsync(target.Manifest(options.System), options.DryRun, force: false, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{target.Reference.Display}: created{(options.DryRun ? " (dry run)" : "")}").ConfigureAwait(false);
            }

            if (!options.DryRun)
            {
                foreach (var stack in stacks)
                {
                    await ApplyLock.CheckFreeAsync(client, host, new Sets.ApplySet(environment, stack.Stack, ns), cancel).ConfigureAwait(false);
                }
            }

            var plan = unborn && options.DryRun
                ? target.Unborn(environment, stacks)
                : await new Planner(client, environment, ns, options.RunHooks).PlanAsync(stacks, options.ForceConflicts, cancel).ConfigureAwait(false);
            if (!await ReportBlockersAsync(plan).ConfigureAwait(false))
            {
                return false;
            }

            var prunes = options.Prune ? plan.Stacks.Sum(s => s.Prune.Delete.Count) : 0;
            if (options.DryRun)
            {
                await PrintPlanAsync(plan, options, cancel).ConfigureAwait(false);
                if (unborn)
                {
                    await output.WriteLineAsync($"dry run: namespace {ns} does not exist yet, so the server checked only the namespace; every object in it is listed as a creation").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"dry run: {Count(plan.Changes, ChangeKind.Create)} to create, {Count(plan.Changes, ChangeKind.Update)} to change, {prunes} to prune; nothing was changed").ConfigureAwait(false);
                return true;
            }

            var writing = plan.Stacks.Where(s => NeedsWrite(s, options, note)).ToArray();
            if (writing.Length == 0)
            {
                await output.WriteLineAsync($"no changes: {plan.Stacks.Sum(s => s.Changes.Count)} object(s) in {plan.Stacks.Count} stack(s) already match the render").ConfigureAwait(false);
                await PrintKeptAsync(plan, options).ConfigureAwait(false);
                return !options.Wait || await WaitAsync(plan, options, locks, cancel).ConfigureAwait(false);
            }

            foreach (var stack in writing)
            {
                locks.Add(await ApplyLock.AcquireAsync(client, host, stack.Set, cancel).ConfigureAwait(false));
            }

            // Look again under the lock: another apply may have finished between the first look and taking it,
            // and pruning must not act on what it saw before.
            var locked = await new Planner(client, environment, ns, options.RunHooks).PlanAsync([.. writing.Select(s => s.Manifest)], options.ForceConflicts, cancel).ConfigureAwait(false);
            if (!await ReportBlockersAsync(locked).ConfigureAwait(false))
            {
                return false;
            }

            writing = [.. locked.Stacks.Where(s => NeedsWrite(s, options, note))];
            var parents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            if (NeedsDefinitionsFirst(locked))
            {
                await WidenAsync(writing, parents, cancel).ConfigureAwait(false);
                if (!await EstablishAsync(locked, options, locks, cancel).ConfigureAwait(false))
                {
                    return false;
                }

                // The definitions changed what the server accepts and serves: plan the rest again against them.
                locked = await new Planner(client, environment, ns, options.RunHooks).PlanAsync([.. locked.Stacks.Select(s => s.Manifest)], options.ForceConflicts, cancel).ConfigureAwait(false);
                if (!await ReportBlockersAsync(locked).ConfigureAwait(false))
                {
                    return false;
                }

                writing = [.. locked.Stacks.Where(s => NeedsWrite(s, options, note))];
            }

            await WidenAsync(writing, parents, cancel).ConfigureAwait(false);

            // A failed hook before the workloads stops here: nothing after it is written, nothing pruned, no revision.
            var hooks = new HookRunner(client, host, output, error);
            var phases = ApplyPhases.Of(locked);
            var installs = Installs(locked);
            await ApplyChangesAsync(phases.Foundation, options, locks, cancel).ConfigureAwait(false);
            if (!await hooks.RunAsync(phases.BeforeWorkloads, installs, options, token => RenewAsync(locks, token), cancel).ConfigureAwait(false))
            {
                return false;
            }

            await ApplyChangesAsync(phases.Workloads, options, locks, cancel).ConfigureAwait(false);

            foreach (var stack in writing)
            {
                await PruneAsync(stack, options, locks, cancel).ConfigureAwait(false);
                var final = stack.FinalParent();
                if (options.Prune && !Same(parents[stack.Set.Stack], final))
                {
                    parents[stack.Set.Stack] = await client.ApplyAsync(final, dryRun: false, force: false, cancel).ConfigureAwait(false);
                }
            }

            await PrintKeptAsync(plan, options).ConfigureAwait(false);
            if (options.Wait && !await WaitAsync(plan, options, locks, cancel).ConfigureAwait(false))
            {
                return false;
            }

            if (!await hooks.RunAsync(phases.AfterWorkloads, installs, options, token => RenewAsync(locks, token), cancel).ConfigureAwait(false))
            {
                return false;
            }

            foreach (var stack in writing.Where(s => note.Always || !s.IsRecorded))
            {
                var revision = await new HistoryStore(client, stack.Set).RecordAsync(
                    new Revision(0, host.Clock.GetUtcNow(), host.Identity, note.Commit, environment, stack.Set.Stack, note.Description, stack.Manifest.Objects.Count, stack.Manifest.Yaml(), stack.Manifest.Settings),
                    parents[stack.Set.Stack],
                    cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{stack.Set.Stack}: recorded revision {revision.Number}").ConfigureAwait(false);
            }

            return true;
        }
        catch (LockHeldException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C, SIGTERM): give the locks back now rather than leave the next apply waiting for
            // them to expire, and say which.
            var released = await ReleaseAsync(locks).ConfigureAwait(false);
            locks.Clear();
            throw new ApplyInterruptedException(released, cancel);
        }
        finally
        {
            await ReleaseAsync(locks).ConfigureAwait(false);
        }
    }

    /// <returns>The names of the Leases released.</returns>
    private async Task<IReadOnlyList<string>> ReleaseAsync(List<ApplyLock> locks)
    {
        var released = new List<string>();
        foreach (var held in locks)
        {
            try
            {
                // Not the apply's token: it may be the one that was cancelled, and the lock must go anyway.
                if (await held.ReleaseAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    released.Add(held.Name);
                }
            }
            catch (KubeApiException e)
            {
                // The lease expires by itself; the next apply takes it over then.
                await error.WriteLineAsync($"warning: could not release the apply lock: {e.Message}").ConfigureAwait(false);
            }
        }

        return released;
    }

    /// <summary>
    /// Before a parent lists a member, it must list the member's kind (KEP-3659): widen each stack's parent (once; a
    /// parent already current is not written again).
    /// </summary>
    private async Task WidenAsync(IEnumerable<StackPlan> stacks, Dictionary<string, JsonObject> parents, CancellationToken cancel)
    {
        foreach (var stack in stacks)
        {
            var widened = stack.WidenedParent();
            parents[stack.Set.Stack] = stack.ParentIsCurrent(widened)
                ? stack.LiveParent!
                : await client.ApplyAsync(widened, dryRun: false, force: false, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A CustomResourceDefinition of the render changes, or a custom resource awaits one: the definitions go first,
    /// in a phase of their own, and nothing else is applied until they are established.
    /// </summary>
    private static bool NeedsDefinitionsFirst(Plan plan) =>
        plan.Changes.Any(c => c.AwaitsDefinition || (RenderedDefinitions.IsDefinition(c.Item) && c.Kind != ChangeKind.Unchanged));

    /// <summary>
    /// Applies the render's changed CustomResourceDefinitions, waits (within --timeout) until every definition of the
    /// render is Established, and until discovery serves each kind that awaited one.
    /// </summary>
    private async Task<bool> EstablishAsync(Plan plan, ApplyOptions options, List<ApplyLock> locks, CancellationToken cancel)
    {
        var definitions = plan.Changes.Where(c => RenderedDefinitions.IsDefinition(c.Item)).ToArray();
        foreach (var change in definitions.Where(c => c.Kind != ChangeKind.Unchanged))
        {
            await client.ApplyAsync(change.Desired, dryRun: false, options.ForceConflicts, cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"{change.Item.Display}: {(change.Kind == ChangeKind.Create ? "created" : "configured")}").ConfigureAwait(false);
            await RenewAsync(locks, cancel).ConfigureAwait(false);
        }

        var deadline = host.Clock.GetUtcNow() + options.Timeout;
        var established = await new Waiter(client, host, output)
            .WaitAsync([.. definitions.Select(c => c.Item)], options.Timeout, token => RenewAsync(locks, token), cancel)
            .ConfigureAwait(false);
        foreach (var problem in established.Problems)
        {
            await error.WriteLineAsync($"error: {problem}; nothing that needs it was applied (apply again once it is Established)").ConfigureAwait(false);
        }

        if (!established.Healthy)
        {
            return false;
        }

        // Established means served; discovery documents can lag behind it for a moment, and the cache saw the kinds missing.
        var awaiting = plan.Changes.Where(c => c.AwaitsDefinition).Select(c => c.Item).DistinctBy(i => (i.ApiVersion, i.Kind)).ToArray();
        while (true)
        {
            client.Types.Refresh();
            var missing = new List<ObjectRef>();
            foreach (var item in awaiting)
            {
                if (await client.Types.TryResolveAsync(item.ApiVersion, item.Kind, cancel).ConfigureAwait(false) is null)
                {
                    missing.Add(item);
                }
            }

            if (missing.Count == 0)
            {
                return true;
            }

            if (host.Clock.GetUtcNow() >= deadline)
            {
                foreach (var item in missing)
                {
                    await error.WriteLineAsync($"error: the cluster established the CustomResourceDefinitions but does not serve kind {item.Kind} in {item.ApiVersion} before the timeout (--timeout); nothing of that kind was applied (check the definition's versions)").ConfigureAwait(false);
                }

                return false;
            }

            await RenewAsync(locks, cancel).ConfigureAwait(false);
            await host.Delay(host.PollInterval, cancel).ConfigureAwait(false);
        }
    }

    private static bool NeedsWrite(StackPlan stack, ApplyOptions options, RevisionNote note) =>
        stack.Changes.Any(c => c.Kind != ChangeKind.Unchanged)
        || (options.Prune && stack.Prune.Delete.Count > 0)
        || !stack.ParentIsCurrent(options.Prune ? stack.FinalParent() : stack.WidenedParent())
        || !stack.IsRecorded
        || note.Always;

    private async Task<bool> ReportBlockersAsync(Plan plan)
    {
        // Each plan of an apply finds them again: say each once.
        foreach (var warning in plan.Warnings.Where(_warned.Add))
        {
            await error.WriteLineAsync(warning).ConfigureAwait(false);
        }

        foreach (var problem in plan.Errors)
        {
            await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
        }

        if (plan.Conflicts.Count > 0)
        {
            await error.WriteLineAsync("error: conflicts: these fields are owned by other field managers; nothing was applied (apply with --force-conflicts to take them over):").ConfigureAwait(false);
            foreach (var (item, conflict) in plan.Conflicts)
            {
                await error.WriteLineAsync($"  {item.Display}: {conflict.Field} is owned by \"{conflict.Manager}\"").ConfigureAwait(false);
            }
        }

        if (!plan.CanApply && plan.Errors.Count > 0)
        {
            await error.WriteLineAsync("nothing was applied").ConfigureAwait(false);
        }

        return plan.CanApply;
    }

    private async Task ApplyChangesAsync(IEnumerable<ObjectChange> changes, ApplyOptions options, List<ApplyLock> locks, CancellationToken cancel)
    {
        foreach (var change in changes)
        {
            await client.ApplyAsync(change.Desired, dryRun: false, options.ForceConflicts, cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"{change.Item.Display}: {(change.Kind == ChangeKind.Create ? "created" : "configured")}").ConfigureAwait(false);
            await RenewAsync(locks, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The stacks this apply installs (<see cref="StackPlan.Installs"/>): for them a hook's install events count, else its upgrade events.</summary>
    private static HashSet<string> Installs(Plan plan) => plan.Stacks.Where(s => s.Installs).Select(s => s.Set.Stack).ToHashSet(StringComparer.Ordinal);

    /// <summary>What apply would write, in the order and phases it would write it; hooks say when they would run.</summary>
    private async Task PrintPlanAsync(Plan plan, ApplyOptions options, CancellationToken cancel)
    {
        var phases = ApplyPhases.Of(plan);
        var installs = Installs(plan);
        IEnumerable<(ObjectChange Change, string? Phase)> phased =
        [
            .. phases.Foundation.Select(c => (c, (string?)null)),
            .. phases.BeforeWorkloads.Select(c => (c, (string?)$"{HookRunner.Describe(c, installs.Contains(c.Stack))}: runs and completes before the workloads")),
            .. phases.Workloads.Select(c => (c, (string?)null)),
            .. phases.AfterWorkloads.Select(c => (c, (string?)$"{HookRunner.Describe(c, installs.Contains(c.Stack))}: runs and completes once the workloads are healthy")),
        ];
        foreach (var (change, phase) in phased)
        {
            var verb = change.Recreate ? "replaced" : change.Kind == ChangeKind.Create ? "created" : "configured";
            await output.WriteLineAsync($"{change.Item.Display}: {verb} (dry run{(phase is null ? "" : "; " + phase)})").ConfigureAwait(false);
        }

        foreach (var stack in plan.Stacks.Where(_ => options.Prune))
        {
            foreach (var item in stack.Prune.Delete)
            {
                await client.DeleteAsync(item, dryRun: true, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{item.Display}: pruned (dry run)").ConfigureAwait(false);
            }
        }

        await PrintKeptAsync(plan, options).ConfigureAwait(false);
    }

    private async Task PrintKeptAsync(Plan plan, ApplyOptions options)
    {
        foreach (var kept in plan.Stacks.Where(_ => options.Prune).SelectMany(s => s.Prune.Keep))
        {
            await output.WriteLineAsync($"{kept.Item.Display}: kept, not pruned ({kept.Reason})").ConfigureAwait(false);
        }
    }

    private async Task PruneAsync(StackPlan stack, ApplyOptions options, List<ApplyLock> locks, CancellationToken cancel)
    {
        if (!options.Prune)
        {
            return;
        }

        foreach (var item in stack.Prune.Delete)
        {
            await client.DeleteAsync(item, dryRun: false, cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"{item.Display}: pruned").ConfigureAwait(false);
            await RenewAsync(locks, cancel).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAsync(Plan plan, ApplyOptions options, List<ApplyLock> locks, CancellationToken cancel)
    {
        // Hooks were waited for in their phases (and may be gone by their delete policy).
        var result = await new Waiter(client, host, output)
            .WaitAsync([.. plan.Changes.Where(c => c.Hook is null).Select(c => c.Item)], options.Timeout, token => RenewAsync(locks, token), cancel)
            .ConfigureAwait(false);
        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
        }

        if (!result.Healthy)
        {
            await error.WriteLineAsync("error: the applied objects are not healthy; no revision was recorded (fix the cause and apply again)").ConfigureAwait(false);
        }

        return result.Healthy;
    }

    private static async Task RenewAsync(List<ApplyLock> locks, CancellationToken cancel)
    {
        foreach (var held in locks)
        {
            await held.RenewIfDueAsync(cancel).ConfigureAwait(false);
        }
    }

    private static bool Same(JsonObject live, JsonObject wanted) =>
        (string?)live["metadata"]?["annotations"]?[Sets.ApplySet.ContainsGroupKindsAnnotation] == (string?)wanted["metadata"]?["annotations"]?[Sets.ApplySet.ContainsGroupKindsAnnotation]
        && (string?)live["metadata"]?["annotations"]?[Sets.ApplySet.AdditionalNamespacesAnnotation] == (string?)wanted["metadata"]?["annotations"]?[Sets.ApplySet.AdditionalNamespacesAnnotation];

    private static int Count(IEnumerable<ObjectChange> changes, ChangeKind kind) => changes.Count(c => c.Kind == kind);
}
