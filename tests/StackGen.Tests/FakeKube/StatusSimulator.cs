using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// Plays the controllers: each GET of a Deployment, StatefulSet, DaemonSet, Job, PersistentVolumeClaim or Pod counts
/// as a poll, and the status subresource moves the way a healthy rollout would — "progressing" until the
/// <see cref="PollsUntilReady"/>th GET of the current generation, then ready (Deployment Available, StatefulSet
/// currentRevision == updateRevision, Job Complete, PVC Bound, Pod Ready). <see cref="Fail"/> makes a workload end
/// in a failure instead, with the reason and message in its conditions and in a Warning Event.
/// A CustomResourceDefinition is established the same way (NamesAccepted, then Established=True on the
/// <see cref="PollsUntilReady"/>th GET; <see cref="Stall"/> holds it at Established=False, <see cref="Fail"/> refuses its
/// names). Custom resources report no status unless their kind is named by <see cref="ReportReadyCondition"/>.
/// Status writes bump resourceVersion (never generation) and are owned by "kube-controller-manager".
/// Thread-safe.
/// </summary>
public sealed class StatusSimulator
{
    internal const string Manager = "kube-controller-manager";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Revision, int Polls, bool Reported)> _polls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readyKinds = new(StringComparer.Ordinal);
    private int _pollsUntilReady = 2;
    private bool _enabled = true;

    internal StatusSimulator()
    {
    }

    /// <summary>The GET of the current generation that first sees the settled status: 1 means at once. Default 2.</summary>
    public int PollsUntilReady
    {
        get
        {
            lock (_gate)
            {
                return _pollsUntilReady;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_gate)
            {
                _pollsUntilReady = value;
            }
        }
    }

    /// <summary>When false, no status is ever written: workloads look freshly created forever.</summary>
    public bool Enabled
    {
        get
        {
            lock (_gate)
            {
                return _enabled;
            }
        }

        set
        {
            lock (_gate)
            {
                _enabled = value;
            }
        }
    }

    /// <summary>
    /// Makes the object's rollout fail when it settles: a Deployment gets Progressing=False with this reason and
    /// message (e.g. ProgressDeadlineExceeded), a Job Failed=True, a Pod a waiting container; a StatefulSet,
    /// DaemonSet or PVC simply never becomes ready. Every kind also gets a Warning Event with the reason and message.
    /// </summary>
    public void Fail(string apiVersion, string kind, string? ns, string name, string reason, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Set(apiVersion, kind, ns, name, new Outcome(RolloutPhase.Failed, reason, message));
    }

    /// <summary>
    /// Gives every custom resource of a kind a controller that reports a <c>Ready</c> condition: False (Reconciling)
    /// until the <see cref="PollsUntilReady"/>th GET, then True; <see cref="Stall"/> keeps one at False, <see cref="Fail"/>
    /// ends it at False with your reason and message. Without this, custom resources report no conditions at all.
    /// </summary>
    public void ReportReadyCondition(string apiVersion, string kind)
    {
        lock (_gate)
        {
            _readyKinds.Add($"{apiVersion}/{kind}");
        }
    }

    /// <summary>Keeps the object progressing forever, with no failure to report: for wait timeouts.</summary>
    public void Stall(string apiVersion, string kind, string? ns, string name) =>
        Set(apiVersion, kind, ns, name, new Outcome(RolloutPhase.Progressing, null, null));

    /// <summary>Back to the default: the object becomes ready.</summary>
    public void Succeed(string apiVersion, string kind, string? ns, string name)
    {
        lock (_gate)
        {
            _outcomes.Remove(Key(apiVersion, kind, ns, name));
        }
    }

    /// <summary>
    /// Counts a GET of <paramref name="obj"/> and returns the status its controller would have written by now
    /// (null: not simulated, or disabled), plus a Warning Event to record the first time a failure is reached.
    /// </summary>
    internal (JsonObject Status, (string Reason, string Message, string Component)? Warning)? Observe(ResourceType type, JsonObject obj, string now)
    {
        lock (_gate)
        {
            var controller = WorkloadStatus.Controller(type)
                ?? (CustomResources.IsDefinition(type) ? CustomResources.Controller
                : _readyKinds.Contains($"{type.ApiVersion}/{type.Kind}") ? $"{type.Singular}-controller"
                : null);
            if (!_enabled || controller is null || Finished(type, obj))
            {
                return null;
            }

            var key = Key(type.ApiVersion, type.Kind, JsonTree.String(obj, "metadata", "namespace"), JsonTree.String(obj, "metadata", "name") ?? "");
            var revision = $"{JsonTree.String(obj, "metadata", "uid")}/{JsonTree.Integer(obj, "metadata", "generation")}";
            var (seen, polls, reported) = _polls.GetValueOrDefault(key);
            (polls, reported) = seen == revision ? (polls + 1, reported) : (1, false);

            var outcome = _outcomes.GetValueOrDefault(key, new Outcome(RolloutPhase.Ready, null, null));
            var phase = polls < _pollsUntilReady ? RolloutPhase.Progressing : outcome.Phase;
            var warning = phase == RolloutPhase.Failed && !reported ? (outcome.Reason!, outcome.Message!, controller) : ((string, string, string)?)null;
            _polls[key] = (revision, polls, reported || warning is not null);

            var status = WorkloadStatus.For(type, obj, phase, outcome.Reason, outcome.Message, now)
                ?? (CustomResources.IsDefinition(type)
                    ? CustomResources.DefinitionStatus(obj, phase, outcome.Reason, outcome.Message, now)
                    : CustomResources.ReadyStatus(obj, phase, outcome.Reason, outcome.Message, now));
            return (status, warning);
        }
    }

    /// <summary>A Job that completed or failed is terminal: its controller never changes it again (whatever a test asks later).</summary>
    private static bool Finished(ResourceType type, JsonObject obj) =>
        type.Group == "batch" && type.Kind == "Job"
        && (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => JsonTree.String(c, "type") is "Complete" or "Failed" && JsonTree.String(c, "status") == "True");

    private void Set(string apiVersion, string kind, string? ns, string name, Outcome outcome)
    {
        lock (_gate)
        {
            _outcomes[Key(apiVersion, kind, ns, name)] = outcome;
        }
    }

    private static string Key(string apiVersion, string kind, string? ns, string name) => $"{apiVersion}/{kind}/{ns}/{name}";

    private sealed record Outcome(RolloutPhase Phase, string? Reason, string? Message);
}
