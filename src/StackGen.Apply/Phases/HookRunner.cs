using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Waiting;
using StackGen.Objects;

namespace StackGen.Apply.Phases;

/// <summary>
/// Runs the Helm hooks of one phase (<see cref="HookPhase"/>), one at a time, in order: stack dependency order, then
/// hook weight, kind and name (Helm's order within a release). Each is applied and waited for until complete (a Job's
/// Complete condition; any other kind until healthy as apply judges it), within --timeout and whatever --wait says:
/// what comes after a hook depends on it. The delete policies act around each run: before-hook-creation deletes the
/// live object of the same name first when it must be replaced (<see cref="ObjectChange.Recreate"/>), hook-succeeded
/// deletes it once complete, hook-failed once its failure is reported. A failure stops the phase, reported with the
/// Job's events and the tail of its newest pod's log.
/// </summary>
public sealed class HookRunner(ResourceClient client, ApplyHost host, TextWriter output, TextWriter error)
{
    /// <summary>Lines of the failed pod's log printed.</summary>
    public const int LogLines = 20;

    // The label the Job controller puts on a Job's pods (Kubernetes 1.27+), then the older one.
    private static readonly string[] JobNameLabels = ["batch.kubernetes.io/job-name", "job-name"];

    /// <summary>The hooks of <paramref name="phase"/> among <paramref name="changes"/> that apply has to run, in the order it runs them.</summary>
    public static IReadOnlyList<ObjectChange> Ordered(IEnumerable<ObjectChange> changes, HookPhase phase, IReadOnlyList<string> stackOrder) =>
        [.. changes
            .Where(c => c.Kind != ChangeKind.Unchanged && c.Hook?.Phase == phase)
            .OrderBy(c => ApplyOrder.StackRank(stackOrder, c.Stack))
            .ThenBy(c => c.Hook!.Weight)
            .ThenBy(c => c.Item.Kind, StringComparer.Ordinal)
            .ThenBy(c => c.Item.Name, StringComparer.Ordinal)];

    /// <summary>"pre-upgrade hook of stack web", for output lines.</summary>
    public static string Describe(ObjectChange change, bool install)
    {
        var hook = change.Hook!;
        var phase = hook.Phase == HookPhase.BeforeWorkloads ? (install ? Hook.PreInstall : Hook.PreUpgrade) : (install ? Hook.PostInstall : Hook.PostUpgrade);
        return $"{phase} hook of stack {change.Stack}";
    }

    /// <param name="hooks">From <see cref="Ordered"/>.</param>
    /// <param name="installs">The stacks this apply installs (<see cref="StackPlan.Installs"/>): for the output's wording.</param>
    /// <param name="tick">Called between polls: keeps the apply locks renewed.</param>
    /// <returns>True when every hook completed; false after reporting the first that did not.</returns>
    public async Task<bool> RunAsync(IReadOnlyList<ObjectChange> hooks, IReadOnlySet<string> installs, ApplyOptions options, Func<CancellationToken, Task> tick, CancellationToken cancel)
    {
        foreach (var change in hooks)
        {
            var what = Describe(change, installs.Contains(change.Stack));
            if (change.Recreate)
            {
                await client.DeleteAsync(change.Item, dryRun: false, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{change.Item.Display}: deleted ({Hook.BeforeHookCreation}: replaced by this run)").ConfigureAwait(false);
                await GoneAsync(change.Item, options.Timeout, tick, cancel).ConfigureAwait(false);
            }

            await client.ApplyAsync(change.Desired, dryRun: false, options.ForceConflicts, cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"{change.Item.Display}: {(change.Kind == ChangeKind.Create || change.Recreate ? "created" : "configured")} ({what})").ConfigureAwait(false);
            await tick(cancel).ConfigureAwait(false);
            var result = await new Waiter(client, host, output).WaitAsync([change.Item], options.Timeout, tick, cancel).ConfigureAwait(false);
            if (!result.Healthy)
            {
                foreach (var problem in result.Problems)
                {
                    await error.WriteLineAsync(problem).ConfigureAwait(false);
                }

                await PrintLogAsync(change.Item, cancel).ConfigureAwait(false);
                if (change.Hook!.DeletesWhen(Hook.HookFailed))
                {
                    await client.DeleteAsync(change.Item, dryRun: false, cancel).ConfigureAwait(false);
                    await output.WriteLineAsync($"{change.Item.Display}: deleted ({Hook.HookFailed})").ConfigureAwait(false);
                }

                var rest = change.Hook.Phase == HookPhase.BeforeWorkloads
                    ? $"the workloads of stack {change.Stack} and everything after them were not applied"
                    : "the hooks after it did not run";
                await error.WriteLineAsync($"error: {change.Item.Display}: the {what} did not complete; {rest} and no revision was recorded (fix the cause and apply again: the failed run is replaced)").ConfigureAwait(false);
                return false;
            }

            if (change.Hook!.DeletesWhen(Hook.HookSucceeded))
            {
                await client.DeleteAsync(change.Item, dryRun: false, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{change.Item.Display}: deleted ({Hook.HookSucceeded})").ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>Waits until a deleted object is gone (a Job with finalizers lingers), so that applying it creates a new one.</summary>
    private async Task GoneAsync(ObjectRef item, TimeSpan timeout, Func<CancellationToken, Task> tick, CancellationToken cancel)
    {
        var deadline = host.Clock.GetUtcNow() + timeout;
        while (await client.GetAsync(item, cancel).ConfigureAwait(false) is not null)
        {
            if (host.Clock.GetUtcNow() >= deadline)
            {
                throw new KubeApiException($"{item}: still there {timeout.TotalSeconds:0}s after it was deleted; it cannot be replaced (check its finalizers)");
            }

            await tick(cancel).ConfigureAwait(false);
            await host.Delay(host.PollInterval, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The tail of the log of a Job's newest pod: what the migration said before it failed.</summary>
    private async Task PrintLogAsync(ObjectRef job, CancellationToken cancel)
    {
        if (job.Kind != "Job" || job.Namespace is null)
        {
            return;
        }

        var pods = await client.Types.ResolveAsync("v1", "Pod", cancel).ConfigureAwait(false);
        var found = new List<JsonObject>();
        foreach (var label in JobNameLabels)
        {
            found = [.. await client.ListAsync(pods, job.Namespace, $"{label}={job.Name}", cancel).ConfigureAwait(false)];
            if (found.Count > 0)
            {
                break;
            }
        }

        var newest = found
            .OrderByDescending(p => (string?)p["metadata"]?["creationTimestamp"] ?? "", StringComparer.Ordinal)
            .ThenBy(p => (string?)p["metadata"]?["name"], StringComparer.Ordinal)
            .Select(p => (string?)p["metadata"]?["name"])
            .FirstOrDefault();
        if (newest is null)
        {
            await error.WriteLineAsync($"  no pod of {job.Display} to read a log from").ConfigureAwait(false);
            return;
        }

        var log = await client.LogTailAsync(job.Namespace, newest, LogLines, cancel).ConfigureAwait(false);
        if (log is null)
        {
            await error.WriteLineAsync($"  the log of pod {newest} could not be read").ConfigureAwait(false);
            return;
        }

        if (log.Length == 0)
        {
            await error.WriteLineAsync($"  log of pod {newest}: empty").ConfigureAwait(false);
            return;
        }

        await error.WriteLineAsync($"  log of pod {newest} (last {LogLines} lines):").ConfigureAwait(false);
        foreach (var line in log.TrimEnd('\n').Split('\n'))
        {
            // A log is the program's bytes: no escape sequence or carriage return of it reaches the operator's terminal.
            await error.WriteLineAsync($"    {new string([.. line.TrimEnd('\r').Select(c => char.IsControl(c) && c != '\t' ? '?' : c)])}").ConfigureAwait(false);
        }
    }
}
