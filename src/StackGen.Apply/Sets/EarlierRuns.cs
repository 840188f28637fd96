using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Building;

namespace StackGen.Apply.Sets;

/// <summary>
/// Earlier runs of a content-named Job (<see cref="Jobs.RunOnce"/>: NAME-HASH, annotated with its NAME) leave the render
/// when its content changes; pruning keeps the newest of them, so an operator can still read what the last runs
/// printed, and deletes the older ones. A pure decision over what the server listed.
/// </summary>
public static class EarlierRuns
{
    /// <summary>Runs kept per Job: the current one and the <c>Kept - 1</c> before it.</summary>
    public const int Kept = 3;

    /// <param name="decision">What plain pruning would do.</param>
    /// <param name="live">The set's live members.</param>
    /// <param name="desired">The render's objects: only Jobs it still runs have earlier runs to keep.</param>
    public static PruneDecision Keep(PruneDecision decision, IEnumerable<JsonObject> live, IEnumerable<JsonObject> desired)
    {
        var running = desired.Select(RunsOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var candidates = decision.Delete.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var kept = live
            .Where(item => RunsOf(item) is { } name && running.Contains(name) && candidates.Contains(ObjectRef.Of(item).Key))
            .GroupBy(item => RunsOf(item)!, StringComparer.Ordinal)
            .SelectMany(runs => runs
                .DistinctBy(item => ObjectRef.Of(item).Key)
                .OrderByDescending(item => (string?)item["metadata"]?["creationTimestamp"] ?? "", StringComparer.Ordinal)
                .ThenBy(item => ObjectRef.Of(item).Name, StringComparer.Ordinal)
                .Take(Kept - 1)
                .Select(item => new KeptObject(ObjectRef.Of(item), $"an earlier run of {runs.Key}, kept for its logs: the last {Kept} runs are kept")))
            .ToArray();
        var keys = kept.Select(k => k.Item.Key).ToHashSet(StringComparer.Ordinal);
        return new PruneDecision(
            [.. decision.Delete.Where(d => !keys.Contains(d.Key))],
            [.. decision.Keep.Concat(kept).OrderBy(k => k.Item.Key, StringComparer.Ordinal)]);
    }

    private static string? RunsOf(JsonObject item) => (string?)item["metadata"]?["annotations"]?[Jobs.RunsOfAnnotation];
}
