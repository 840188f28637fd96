using System.Globalization;
using System.Text.Json.Nodes;
using StackGen.Apply.Kube;

namespace StackGen.Apply.Waiting;

/// <summary>
/// Whether a live object is healthy, judged from its status the way `kubectl rollout status` does.
/// Kinds without a rollout (Services, ConfigMaps...) are ready once they exist. A CustomResourceDefinition is ready
/// when Established; a custom resource when its <c>Ready</c> condition is True, or once it exists if it reports none.
/// </summary>
public static class Health
{
    /// <summary>True for built-in kinds apply waits on.</summary>
    public static bool IsWaitable(string kind) => kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "PersistentVolumeClaim";

    /// <summary>True for the objects apply waits on: the built-in kinds above, CustomResourceDefinitions and custom resources.</summary>
    public static bool IsWaitable(ObjectRef item) => IsWaitable(item.Kind) || RenderedDefinitions.IsDefinition(item) || IsCustom(item.ApiVersion, item.Kind);

    public static HealthStatus Evaluate(JsonObject live) => (string?)live["kind"] switch
    {
        "Deployment" => Deployment(live),
        "StatefulSet" => StatefulSet(live),
        "DaemonSet" => DaemonSet(live),
        "Job" => Job(live),
        "PersistentVolumeClaim" => Claim(live),
        RenderedDefinitions.Kind => Definition(live),
        var kind when IsCustom((string?)live["apiVersion"] ?? "", kind ?? "") => Custom(live),
        _ => new HealthStatus(HealthState.Ready, "exists"),
    };

    private static bool IsCustom(string apiVersion, string kind) => ResourceTypes.Builtin(apiVersion, kind) is null;

    private static HealthStatus Definition(JsonObject live)
    {
        if (Condition(live, "NamesAccepted") is { } names && (string?)names["status"] == "False")
        {
            return new HealthStatus(HealthState.Failed, "names not accepted", ConditionText(names));
        }

        return Condition(live, "Established") is { } established && (string?)established["status"] == "True"
            ? new HealthStatus(HealthState.Ready, "established")
            : new HealthStatus(HealthState.Progressing, "not established yet", NotTrue(live, "Established"));
    }

    /// <summary>
    /// The convention most controllers follow (kstatus): a Ready condition, True once the resource is reconciled. A
    /// False one may still turn True, so it is progress until the timeout, with its message. No Ready condition: the
    /// kind reports no readiness, and existing is all there is to wait for.
    /// </summary>
    private static HealthStatus Custom(JsonObject live)
    {
        if (Condition(live, "Ready") is not { } ready)
        {
            return new HealthStatus(HealthState.Ready, "exists");
        }

        var said = string.Join(": ", new[] { (string?)ready["reason"], (string?)ready["message"] }.OfType<string>());
        var text = $"Ready={(string?)ready["status"]}{(said.Length > 0 ? ": " : "")}{said}";
        if ((string?)ready["status"] != "True")
        {
            return new HealthStatus(HealthState.Progressing, text, text);
        }

        // A Ready condition about an older spec says nothing about this one.
        var generation = Int(live["metadata"]?["generation"]);
        var observed = Int(ready["observedGeneration"]) ?? Int(live["status"]?["observedGeneration"]);
        return generation is { } g && observed is { } o && o < g
            ? new HealthStatus(HealthState.Progressing, "waiting for the controller to see the new spec")
            : new HealthStatus(HealthState.Ready, text);
    }

    private static HealthStatus Deployment(JsonObject live)
    {
        var replicas = Int(live["spec"]?["replicas"]) ?? 1;
        var status = live["status"];
        var updated = Int(status?["updatedReplicas"]) ?? 0;
        var available = Int(status?["availableReplicas"]) ?? 0;
        var total = Int(status?["replicas"]);
        var progress = $"{available}/{replicas} available, {updated}/{replicas} updated";
        if (Condition(live, "Progressing") is { } progressing && (string?)progressing["status"] == "False")
        {
            return new HealthStatus(HealthState.Failed, progress, ConditionText(progressing));
        }

        if (!Observed(live))
        {
            return new HealthStatus(HealthState.Progressing, "waiting for the controller to see the new spec");
        }

        if (updated < replicas || available < replicas || (total is { } all && all > updated))
        {
            var waiting = total is { } old && old > updated ? $"{progress}, {old - updated} old pending termination" : progress;
            return new HealthStatus(HealthState.Progressing, waiting, NotTrue(live, "Available"));
        }

        return new HealthStatus(HealthState.Ready, progress);
    }

    private static HealthStatus StatefulSet(JsonObject live)
    {
        var replicas = Int(live["spec"]?["replicas"]) ?? 1;
        var status = live["status"];
        var ready = Int(status?["readyReplicas"]) ?? 0;
        var progress = $"{ready}/{replicas} ready";
        if (!Observed(live))
        {
            return new HealthStatus(HealthState.Progressing, "waiting for the controller to see the new spec");
        }

        // OnDelete rolls nothing by itself: waiting for revisions to match would wait forever.
        var rolling = (string?)live["spec"]?["updateStrategy"]?["type"] != "OnDelete";
        var current = (string?)status?["currentRevision"];
        var update = (string?)status?["updateRevision"];
        if (rolling && update is not null && current != update)
        {
            var updated = Int(status?["updatedReplicas"]) ?? 0;
            return new HealthStatus(HealthState.Progressing, $"{progress}, {updated}/{replicas} updated to revision {update}");
        }

        return ready < replicas ? new HealthStatus(HealthState.Progressing, progress) : new HealthStatus(HealthState.Ready, progress);
    }

    private static HealthStatus DaemonSet(JsonObject live)
    {
        var status = live["status"];
        var desired = Int(status?["desiredNumberScheduled"]) ?? 0;
        var updated = Int(status?["updatedNumberScheduled"]) ?? 0;
        var available = Int(status?["numberAvailable"]) ?? 0;
        var progress = $"{available}/{desired} available, {updated}/{desired} updated";
        return Observed(live) && updated >= desired && available >= desired
            ? new HealthStatus(HealthState.Ready, progress)
            : new HealthStatus(HealthState.Progressing, progress);
    }

    private static HealthStatus Job(JsonObject live)
    {
        var completions = Int(live["spec"]?["completions"]) ?? 1;
        var succeeded = Int(live["status"]?["succeeded"]) ?? 0;
        var progress = $"{succeeded}/{completions} succeeded";
        if (Condition(live, "Failed") is { } failed && (string?)failed["status"] == "True")
        {
            return new HealthStatus(HealthState.Failed, progress, ConditionText(failed));
        }

        return Condition(live, "Complete") is { } complete && (string?)complete["status"] == "True"
            ? new HealthStatus(HealthState.Ready, "complete")
            : new HealthStatus(HealthState.Progressing, progress);
    }

    private static HealthStatus Claim(JsonObject live)
    {
        var phase = (string?)live["status"]?["phase"] ?? "Pending";
        return phase switch
        {
            "Bound" => new HealthStatus(HealthState.Ready, "Bound"),
            "Lost" => new HealthStatus(HealthState.Failed, "Lost", "its PersistentVolume is gone"),
            _ => new HealthStatus(HealthState.Progressing, phase),
        };
    }

    /// <summary>The controller has seen the current spec: status.observedGeneration reached metadata.generation.</summary>
    private static bool Observed(JsonObject live)
    {
        var generation = Int(live["metadata"]?["generation"]);
        var observed = Int(live["status"]?["observedGeneration"]);
        return generation is null || (observed is { } o && o >= generation);
    }

    private static JsonObject? Condition(JsonObject live, string type) =>
        (live["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static string? NotTrue(JsonObject live, string type) =>
        Condition(live, type) is { } condition && (string?)condition["status"] != "True" ? ConditionText(condition) : null;

    private static string ConditionText(JsonObject condition)
    {
        var reason = (string?)condition["reason"];
        var message = (string?)condition["message"];
        var type = (string?)condition["type"];
        return (reason, message) switch
        {
            (not null, not null) => $"{type}: {reason}: {message}",
            (not null, null) => $"{type}: {reason}",
            (null, not null) => $"{type}: {message}",
            _ => $"{type}={(string?)condition["status"]}",
        };
    }

    private static long? Int(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<long>(out var number) ? number
            : value.TryGetValue<int>(out var small) ? small
            : value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;
}
