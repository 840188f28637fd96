using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Stacks;

namespace StackGen.Apply.Locking;

/// <summary>
/// The lock against two applies of one stack at once: a coordination.k8s.io/v1 Lease named
/// stackgen-lock-STACK in the target namespace, holding who applies and since when. It lasts
/// <see cref="ApplyHost.LeaseDuration"/> unless renewed, so the lock of a crashed apply is taken over once it
/// expires. Taking and renewing it use the Lease's resourceVersion: of two racing applies, exactly one wins.
/// </summary>
public sealed class ApplyLock
{
    private const int Attempts = 5;
    private const string MicroTime = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly ResourceClient _client;
    private readonly ApplyHost _host;
    private JsonObject _lease;
    private DateTimeOffset _renewed;

    private ApplyLock(ResourceClient client, ApplyHost host, JsonObject lease, DateTimeOffset renewed)
    {
        _client = client;
        _host = host;
        _lease = lease;
        _renewed = renewed;
    }

    public static ObjectRef LeaseFor(ApplySet set) => new("coordination.k8s.io/v1", "Lease", set.Namespace, $"stackgen-lock-{set.Stack}");

    /// <summary>Fails fast (without writing) when another apply holds the lock now.</summary>
    public static async Task CheckFreeAsync(ResourceClient client, ApplyHost host, ApplySet set, CancellationToken cancel)
    {
        if (await client.GetAsync(LeaseFor(set), cancel).ConfigureAwait(false) is { } live && HeldByOther(live, host) is { } message)
        {
            throw new LockHeldException(Describe(set, message));
        }
    }

    public static async Task<ApplyLock> AcquireAsync(ResourceClient client, ApplyHost host, ApplySet set, CancellationToken cancel)
    {
        var reference = LeaseFor(set);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = host.Clock.GetUtcNow();
            try
            {
                var live = await client.GetAsync(reference, cancel).ConfigureAwait(false);
                if (live is null)
                {
                    var created = await client.CreateAsync(NewLease(reference, set, host, now), cancel).ConfigureAwait(false);
                    return new ApplyLock(client, host, created, now);
                }

                if (HeldByOther(live, host) is { } message)
                {
                    throw new LockHeldException(Describe(set, message));
                }

                var spec = live["spec"] as JsonObject ?? [];
                live["spec"] = spec;
                if ((string?)spec["holderIdentity"] != host.Identity)
                {
                    // Free or expired: it becomes ours from now on.
                    spec["acquireTime"] = Format(now);
                }

                spec["holderIdentity"] = host.Identity;
                spec["renewTime"] = Format(now);
                spec["leaseDurationSeconds"] = (int)host.LeaseDuration.TotalSeconds;
                var taken = await client.ReplaceAsync(live, cancel).ConfigureAwait(false);
                return new ApplyLock(client, host, taken, now);
            }
            catch (KubeApiException e) when (e.Status == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Someone created or changed the lease since we read it: read it again and decide again.
            }
        }

        throw new KubeApiException($"could not take the lock {reference} after {Attempts} tries: it keeps changing under us");
    }

    /// <summary>Renews the lease when a third of its duration has passed, so it never expires while we work.</summary>
    public async Task RenewIfDueAsync(CancellationToken cancel)
    {
        var now = _host.Clock.GetUtcNow();
        if (now - _renewed < _host.LeaseDuration / 3)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var spec = (JsonObject)_lease["spec"]!;
            spec["renewTime"] = Format(now);
            try
            {
                _lease = await _client.ReplaceAsync(_lease, cancel).ConfigureAwait(false);
                _renewed = now;
                return;
            }
            catch (KubeApiException e) when (e.Status == HttpStatusCode.Conflict && attempt < Attempts)
            {
                var live = await _client.GetAsync(ObjectRef.Of(_lease), cancel).ConfigureAwait(false);
                if (live is null || (string?)live["spec"]?["holderIdentity"] != _host.Identity)
                {
                    throw new LockHeldException($"lost the lock {ObjectRef.Of(_lease)} while applying: it expired and was taken over (now held by {(string?)live?["spec"]?["holderIdentity"] ?? "nobody"})");
                }

                _lease = live;
            }
        }
    }

    /// <summary>The Lease's name: stackgen-lock-STACK.</summary>
    public string Name => ObjectRef.Of(_lease).Name;

    /// <summary>Deletes the lease if it is still ours.</summary>
    /// <returns>True when it was ours and is gone.</returns>
    public async Task<bool> ReleaseAsync(CancellationToken cancel)
    {
        var reference = ObjectRef.Of(_lease);
        var live = await _client.GetAsync(reference, cancel).ConfigureAwait(false);
        if (live is null || (string?)live["spec"]?["holderIdentity"] != _host.Identity)
        {
            return false;
        }

        await _client.DeleteAsync(reference, dryRun: false, cancel).ConfigureAwait(false);
        return true;
    }

    /// <summary>Who holds the lease and since when, if someone else holds it and it has not expired.</summary>
    private static string? HeldByOther(JsonObject live, ApplyHost host)
    {
        var spec = live["spec"];
        var holder = (string?)spec?["holderIdentity"];
        if (string.IsNullOrEmpty(holder) || holder == host.Identity)
        {
            return null;
        }

        var acquired = Parse((string?)spec?["acquireTime"]);
        var renewed = Parse((string?)spec?["renewTime"]) ?? acquired;
        var duration = TimeSpan.FromSeconds((long?)spec?["leaseDurationSeconds"] ?? 0);
        var now = host.Clock.GetUtcNow();
        if (renewed is null || now > renewed.Value + duration)
        {
            return null;
        }

        var expires = renewed.Value + duration - now;
        return $"held by {holder} since {Show(acquired ?? renewed.Value)} (expires in {Math.Ceiling(expires.TotalSeconds)}s unless renewed)";
    }

    private static string Describe(ApplySet set, string held) =>
        $"stack {set.Stack} of environment {set.Environment} is being applied by someone else: lock {set.Namespace}/{LeaseFor(set).Name} is {held}; try again when that apply finishes";

    private static JsonObject NewLease(ObjectRef reference, ApplySet set, ApplyHost host, DateTimeOffset now) => new()
    {
        ["apiVersion"] = reference.ApiVersion,
        ["kind"] = reference.Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = reference.Name,
            ["namespace"] = reference.Namespace,
            ["labels"] = new JsonObject { [StandardLabels.ManagedBy] = StandardLabels.Manager, [ApplySet.StackLabel] = set.Stack },
            ["annotations"] = new JsonObject { [ApplySet.EnvironmentAnnotation] = set.Environment },
        },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = host.Identity,
            ["acquireTime"] = Format(now),
            ["renewTime"] = Format(now),
            ["leaseDurationSeconds"] = (int)host.LeaseDuration.TotalSeconds,
        },
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(MicroTime, CultureInfo.InvariantCulture);

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
