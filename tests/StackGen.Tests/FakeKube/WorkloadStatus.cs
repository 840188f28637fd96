using System.Text;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The status the real controllers (deployment, statefulset, daemonset, job, persistent-volume binder, kubelet)
/// would write for a workload in a rollout phase. Zero counts are omitted, as the API server omits them.
/// </summary>
internal static class WorkloadStatus
{
    // k8s.io/apimachinery/pkg/util/rand.SafeEncodeString's alphabet: no vowels, no look-alikes.
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The controller that reports on a kind, for Events; null when no simulation exists for it.</summary>
    public static string? Controller(ResourceType type) => (type.Group, type.Kind) switch
    {
        ("apps", "Deployment") => "deployment-controller",
        ("apps", "StatefulSet") => "statefulset-controller",
        ("apps", "DaemonSet") => "daemonset-controller",
        ("batch", "Job") => "job-controller",
        ("", "PersistentVolumeClaim") => "persistentvolume-controller",
        ("", "Pod") => "kubelet",
        _ => null,
    };

    public static JsonObject? For(ResourceType type, JsonObject obj, RolloutPhase phase, string? reason, string? message, string now) => (type.Group, type.Kind) switch
    {
        ("apps", "Deployment") => Deployment(obj, phase, reason, message, now),
        ("apps", "StatefulSet") => StatefulSet(obj, phase),
        ("apps", "DaemonSet") => DaemonSet(obj, phase),
        ("batch", "Job") => Job(obj, phase, reason, message, now),
        ("", "PersistentVolumeClaim") => Claim(obj, phase),
        ("", "Pod") => Pod(obj, phase, reason, message, now),
        _ => null,
    };

    private static JsonObject Deployment(JsonObject obj, RolloutPhase phase, string? reason, string? message, string now)
    {
        var replicas = Replicas(obj);
        var replicaSet = $"{Name(obj)}-{Hash(obj["spec"]?["template"], 10)}";
        var ready = phase == RolloutPhase.Ready;
        var progressing = phase switch
        {
            RolloutPhase.Ready => Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{replicaSet}\" has successfully progressed.", now),
            RolloutPhase.Failed => Condition("Progressing", "False", reason!, message!, now),
            _ => Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{replicaSet}\" is progressing.", now),
        };
        var available = ready || replicas == 0
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        return Counts(
            ("observedGeneration", Generation(obj)),
            ("replicas", replicas),
            ("updatedReplicas", replicas),
            ("readyReplicas", ready ? replicas : 0),
            ("availableReplicas", ready ? replicas : 0),
            ("unavailableReplicas", ready ? 0 : replicas))
            .With("conditions", new JsonArray(available, progressing));
    }

    private static JsonObject StatefulSet(JsonObject obj, RolloutPhase phase)
    {
        var replicas = Replicas(obj);
        var name = Name(obj);
        var update = $"{name}-{Hash(obj["spec"]?["template"], 10)}";
        var ready = phase == RolloutPhase.Ready;
        var current = ready ? update : JsonTree.String(obj, "status", "updateRevision") ?? update;
        return Counts(
            ("observedGeneration", Generation(obj)),
            ("replicas", replicas),
            ("readyReplicas", ready ? replicas : 0),
            ("currentReplicas", ready || current == update ? replicas : 0),
            ("updatedReplicas", ready ? replicas : 0),
            ("availableReplicas", ready ? replicas : 0))
            .With("currentRevision", current)
            .With("updateRevision", update)
            .With("collisionCount", 0);
    }

    // One simulated node: a DaemonSet wants exactly one pod.
    private static JsonObject DaemonSet(JsonObject obj, RolloutPhase phase)
    {
        var ready = phase == RolloutPhase.Ready;
        return Counts(
            ("observedGeneration", Generation(obj)),
            ("desiredNumberScheduled", 1),
            ("currentNumberScheduled", 1),
            ("updatedNumberScheduled", 1),
            ("numberReady", ready ? 1 : 0),
            ("numberAvailable", ready ? 1 : 0),
            ("numberUnavailable", ready ? 0 : 1))
            .With("numberMisscheduled", 0);
    }

    private static JsonObject Job(JsonObject obj, RolloutPhase phase, string? reason, string? message, string now)
    {
        var completions = JsonTree.Integer(obj, "spec", "completions") ?? 1;
        var status = new JsonObject { ["startTime"] = now };
        switch (phase)
        {
            case RolloutPhase.Ready:
                status["succeeded"] = completions;
                status["completionTime"] = now;
                status["conditions"] = new JsonArray(
                    Condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now),
                    Condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now));
                break;
            case RolloutPhase.Failed:
                status["failed"] = 1;
                status["conditions"] = new JsonArray(
                    Condition("FailureTarget", "True", reason!, message!, now),
                    Condition("Failed", "True", reason!, message!, now));
                break;
            default:
                status["active"] = 1;
                break;
        }

        return status;
    }

    private static JsonObject Claim(JsonObject obj, RolloutPhase phase)
    {
        if (phase != RolloutPhase.Ready)
        {
            return new JsonObject { ["phase"] = "Pending" };
        }

        var status = new JsonObject { ["phase"] = "Bound" };
        if (obj["spec"]?["accessModes"] is JsonArray modes)
        {
            status["accessModes"] = modes.DeepClone();
        }

        if (obj["spec"]?["resources"]?["requests"]?["storage"] is { } storage)
        {
            status["capacity"] = new JsonObject { ["storage"] = storage.DeepClone() };
        }

        return status;
    }

    private static JsonObject Pod(JsonObject obj, RolloutPhase phase, string? reason, string? message, string now)
    {
        var ready = phase == RolloutPhase.Ready;
        var containers = obj["spec"]?["containers"] as JsonArray ?? [];
        var statuses = new JsonArray([.. containers.Select(container =>
        {
            var state = phase switch
            {
                RolloutPhase.Ready => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
                RolloutPhase.Failed => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } },
                _ => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            };
            return (JsonNode)new JsonObject
            {
                ["name"] = container?["name"]?.DeepClone(),
                ["image"] = container?["image"]?.DeepClone(),
                ["ready"] = ready,
                ["started"] = ready,
                ["restartCount"] = 0,
                ["state"] = state,
            };
        })]);
        var flag = ready ? "True" : "False";
        return new JsonObject
        {
            ["phase"] = ready ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodScheduled", "True", null, null, now),
                Condition("Initialized", "True", null, null, now),
                Condition("ContainersReady", flag, ready ? null : "ContainersNotReady", null, now),
                Condition("Ready", flag, ready ? null : "ContainersNotReady", null, now)),
            ["containerStatuses"] = statuses,
        };
    }

    private static JsonObject Condition(string type, string status, string? reason, string? message, string now)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = now };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        return condition;
    }

    private static JsonObject Counts(params (string Name, long Value)[] counts) =>
        new(counts.Where(count => count.Value != 0).Select(count => KeyValuePair.Create(count.Name, (JsonNode?)count.Value)));

    private static JsonObject With(this JsonObject obj, string name, JsonNode? value)
    {
        obj[name] = value;
        return obj;
    }

    private static long Replicas(JsonObject obj) => JsonTree.Integer(obj, "spec", "replicas") ?? 1;

    private static long Generation(JsonObject obj) => JsonTree.Integer(obj, "metadata", "generation") ?? 1;

    private static string Name(JsonObject obj) => JsonTree.String(obj, "metadata", "name") ?? "";

    /// <summary>A short, stable hash of a pod template, spelled like the controllers' pod-template-hash.</summary>
    public static string Hash(JsonNode? value, int length)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(JsonTree.Text(value)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(SafeAlphabet[(int)(hash % (uint)SafeAlphabet.Length)]);
            hash = (hash / (uint)SafeAlphabet.Length) ^ (hash * 2654435761u);
        }

        return text.ToString();
    }
}
