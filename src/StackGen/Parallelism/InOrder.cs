using System.Runtime.ExceptionServices;

namespace StackGen.Parallelism;

/// <summary>
/// Maps a list on every core and keeps the result deterministic: results come back in the order of the items, and
/// when items throw, the exception of the first such item is rethrown (as if the items had run one after the other;
/// the others still run, which is harmless for the pure functions this is for).
/// </summary>
public static class InOrder
{
    /// <summary>
    /// Below this much work (stacks, objects) it runs on the calling thread: starting the thread pool costs more
    /// than a little work saves (see bench/README.md, "Optimisation notes").
    /// </summary>
    public const int ParallelThreshold = 64;

    /// <summary>Maps the items, in parallel when there are at least <see cref="ParallelThreshold"/> of them.</summary>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> map) =>
        Map(items, map, items.Count);

    /// <summary>Maps the items, in parallel when <paramref name="work"/> (such as the objects a few items go over) is at least <see cref="ParallelThreshold"/>.</summary>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> map, int work)
    {
        var results = new TResult[items.Count];
        if (work < ParallelThreshold || items.Count < 2)
        {
            for (var i = 0; i < items.Count; i++)
            {
                results[i] = map(items[i]);
            }

            return results;
        }

        var failures = new ExceptionDispatchInfo?[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            try
            {
                results[i] = map(items[i]);
            }
#pragma warning disable CA1031 // Caught to be rethrown below, in item order, whatever its type.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
        });
        Array.Find(failures, f => f is not null)?.Throw();
        return results;
    }
}
