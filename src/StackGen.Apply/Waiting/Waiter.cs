using StackGen.Apply.Kube;

namespace StackGen.Apply.Waiting;

/// <summary>
/// Polls applied objects until all are healthy, one fails, or the timeout passes; on failure, says why from
/// the objects' conditions and their recent events.
/// </summary>
public sealed class Waiter(ResourceClient client, ApplyHost host, TextWriter output)
{
    private const int EventsShown = 5;

    /// <param name="tick">Called between polls: keeps the apply lock renewed during long rollouts.</param>
    public async Task<WaitResult> WaitAsync(IReadOnlyList<ObjectRef> objects, TimeSpan timeout, Func<CancellationToken, Task> tick, CancellationToken cancel)
    {
        var waitable = objects.Where(Health.IsWaitable).ToArray();
        if (waitable.Length == 0)
        {
            return new WaitResult(true, []);
        }

        await output.WriteLineAsync($"waiting up to {Describe(timeout)} for {waitable.Length} object(s) to become ready").ConfigureAwait(false);
        var view = new ProgressView(output, host.LiveProgress);
        var deadline = host.Clock.GetUtcNow() + timeout;
        while (true)
        {
            var statuses = new List<(ObjectRef Item, HealthStatus Status)>();
            foreach (var item in waitable)
            {
                var live = await client.GetAsync(item, cancel).ConfigureAwait(false);
                statuses.Add((item, live is null ? new HealthStatus(HealthState.Progressing, "not found") : Health.Evaluate(live)));
            }

            view.Update([.. statuses.Select(s => (s.Item.Display, s.Status))]);
            var failed = statuses.Where(s => s.Status.State == HealthState.Failed).ToArray();
            if (failed.Length > 0)
            {
                return new WaitResult(false, await ExplainAsync(failed, "failed", cancel).ConfigureAwait(false));
            }

            if (statuses.All(s => s.Status.IsReady))
            {
                return new WaitResult(true, []);
            }

            if (host.Clock.GetUtcNow() >= deadline)
            {
                var stuck = statuses.Where(s => !s.Status.IsReady).ToArray();
                return new WaitResult(false, await ExplainAsync(stuck, $"not ready after {Describe(timeout)}", cancel).ConfigureAwait(false));
            }

            await tick(cancel).ConfigureAwait(false);
            await host.Delay(host.PollInterval, cancel).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> ExplainAsync(IEnumerable<(ObjectRef Item, HealthStatus Status)> problems, string what, CancellationToken cancel)
    {
        var lines = new List<string>();
        foreach (var (item, status) in problems)
        {
            lines.Add($"{item.Display}: {what}: {status.Reason ?? status.Progress}");
            foreach (var e in (await client.EventsAsync(item, cancel).ConfigureAwait(false)).TakeLast(EventsShown))
            {
                lines.Add($"  event {(string?)e["type"]} {(string?)e["reason"]}: {((string?)e["message"])?.Trim()}");
            }
        }

        return lines;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0.#}m" : $"{span.TotalSeconds:0.#}s";
}
