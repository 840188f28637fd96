using System.Text.Json.Nodes;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Locking;
using StackGen.Apply.Sets;
using StackGen.Rendering;

namespace StackGen.Apply;

/// <summary>
/// Uninstalls one stack of one environment: deletes every live member of its ApplySet (found from the parent's
/// annotations, as pruning finds them) in reverse install order, keeping what pruning keeps (PersistentVolumeClaims
/// unless asked, CustomResourceDefinitions, objects annotated to be kept), then the history and the parent last, so a
/// delete cut off half way still finds the set when run again. Holds the stack's apply lock while it deletes.
/// </summary>
public sealed class Deleter(ResourceClient client, ApplyHost host, string environment, string ns, TextWriter output, TextWriter error)
{
    public const string VolumesFlag = "--include-volumes";

    /// <returns>True when the set is gone (or never was); false when the lock is held or the set is another environment's.</returns>
    public async Task<bool> DeleteAsync(string stack, bool includeVolumes, bool dryRun, CancellationToken cancel)
    {
        var set = new ApplySet(environment, stack, ns);
        ApplyLock? held = null;
        try
        {
            var found = await FindAsync(set, includeVolumes, cancel).ConfigureAwait(false);
            if (found is null)
            {
                await output.WriteLineAsync($"nothing to delete: stack {stack} of environment {environment} has no ApplySet parent {set.Parent}").ConfigureAwait(false);
                return true;
            }

            if (!await OwnedAsync(set, found.Parent).ConfigureAwait(false))
            {
                return false;
            }

            if (dryRun)
            {
                await PrintAsync(set, found, cancel).ConfigureAwait(false);
                return true;
            }

            held = await ApplyLock.AcquireAsync(client, host, set, cancel).ConfigureAwait(false);

            // Someone may have applied between the first look and taking the lock: decide again under it.
            found = await FindAsync(set, includeVolumes, cancel).ConfigureAwait(false);
            if (found is null)
            {
                await output.WriteLineAsync($"nothing to delete: stack {stack} of environment {environment} has no ApplySet parent {set.Parent}").ConfigureAwait(false);
                return true;
            }

            foreach (var item in found.Delete)
            {
                await client.DeleteAsync(item, dryRun: false, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{item.Display}: deleted").ConfigureAwait(false);
                await held.RenewIfDueAsync(cancel).ConfigureAwait(false);
            }

            await PrintKeptAsync(found).ConfigureAwait(false);
            foreach (var item in found.Set)
            {
                await client.DeleteAsync(item, dryRun: false, cancel).ConfigureAwait(false);
                await output.WriteLineAsync($"{item.Display}: deleted").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"deleted stack {stack} of environment {environment}: {found.Delete.Count} object(s), the set's parent and history; {found.Keep.Count} kept").ConfigureAwait(false);
            return true;
        }
        catch (LockHeldException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            var released = held is not null && await ReleaseAsync(held).ConfigureAwait(false) ? [held.Name] : Array.Empty<string>();
            held = null;
            throw new ApplyInterruptedException(released, cancel);
        }
        finally
        {
            if (held is not null)
            {
                await ReleaseAsync(held).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What deleting the set means now; null when there is no set (no parent and no history).</summary>
    private async Task<Found?> FindAsync(ApplySet set, bool includeVolumes, CancellationToken cancel)
    {
        var parent = await client.GetAsync(set.Parent, cancel).ConfigureAwait(false);
        var history = new HistoryStore(client, set).Secret;
        var hasHistory = await client.GetAsync(history, cancel).ConfigureAwait(false) is not null;
        if (parent is null && !hasHistory)
        {
            return null;
        }

        var (kinds, namespaces) = ApplySet.Describe(parent);
        var unserved = new List<string>();
        var members = await LiveMembers.ListAsync(client, set, kinds, namespaces, RenderedDefinitions.Of([]), unserved, cancel).ConfigureAwait(false);
        foreach (var line in unserved)
        {
            // A kind the cluster no longer serves has no objects left to delete.
            await error.WriteLineAsync($"warning: {line}").ConfigureAwait(false);
        }

        var delete = new List<ObjectRef>();
        var keep = new List<KeptObject>();
        foreach (var item in members.DistinctBy(m => ObjectRef.Of(m).Key))
        {
            var reference = ObjectRef.Of(item);
            var reason = reference.Kind == "PersistentVolumeClaim" && !includeVolumes
                ? $"PersistentVolumeClaims are deleted only with {VolumesFlag}"
                : PruneSelection.KeepReason(item, deleteVolumes: true);
            if (reason is null)
            {
                delete.Add(reference);
            }
            else
            {
                keep.Add(new KeptObject(reference, reason));
            }
        }

        // Reverse install order: what watches workloads and the workloads first, what they depend on last.
        ObjectRef[] ordered = [.. delete.OrderByDescending(d => InstallOrder.Rank(d.Kind)).ThenBy(d => d.Key, StringComparer.Ordinal)];
        ObjectRef[] setObjects = [.. new[] { hasHistory ? history : null, parent is null ? null : set.Parent }.OfType<ObjectRef>()];
        return new Found(parent, ordered, [.. keep.OrderBy(k => k.Item.Key, StringComparer.Ordinal)], setObjects);
    }

    /// <summary>Two environments may share a namespace: never delete another environment's set.</summary>
    private async Task<bool> OwnedAsync(ApplySet set, JsonObject? parent)
    {
        if ((string?)parent?["metadata"]?["annotations"]?[ApplySet.EnvironmentAnnotation] is { } owner && owner != environment)
        {
            await error.WriteLineAsync($"error: {set.Parent}: stack {set.Stack} in this namespace belongs to environment {owner}, not {environment}; nothing was deleted").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private async Task PrintAsync(ApplySet set, Found found, CancellationToken cancel)
    {
        foreach (var item in found.Delete.Concat(found.Set))
        {
            // The server checks each delete (permissions, finalizers' admission) without doing it.
            await client.DeleteAsync(item, dryRun: true, cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"would delete {item.Display}").ConfigureAwait(false);
        }

        await PrintKeptAsync(found).ConfigureAwait(false);
        await output.WriteLineAsync($"dry run: {found.Delete.Count} object(s) of stack {set.Stack} and the set's parent and history to delete, {found.Keep.Count} kept; nothing was deleted").ConfigureAwait(false);
    }

    private async Task PrintKeptAsync(Found found)
    {
        foreach (var kept in found.Keep)
        {
            await output.WriteLineAsync($"{kept.Item.Display}: kept ({kept.Reason})").ConfigureAwait(false);
        }
    }

    private async Task<bool> ReleaseAsync(ApplyLock held)
    {
        try
        {
            // Not the command's token: it may be the one that was cancelled, and the lock must go anyway.
            return await held.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            await error.WriteLineAsync($"warning: could not release the lock: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    /// <param name="Set">The history and the parent, in the order they are deleted (last, so a re-run still finds the set).</param>
    private sealed record Found(JsonObject? Parent, IReadOnlyList<ObjectRef> Delete, IReadOnlyList<KeptObject> Keep, IReadOnlyList<ObjectRef> Set);
}
