using System.Globalization;
using System.Text.Json.Nodes;

namespace StackGen.Objects;

/// <summary>
/// An object's Helm hook, read from its annotations (<c>helm.sh/hook</c>, <c>helm.sh/hook-weight</c>,
/// <c>helm.sh/hook-delete-policy</c>): the vocabulary charts already carry and Argo CD understands, which native stacks
/// write too (<see cref="Building.Markers.RunBeforeWorkloads{T}"/>). `stackgen apply` runs a hook in a phase of its own:
/// <see cref="HookPhase.BeforeWorkloads"/> for pre-install/pre-upgrade (after the stack's configuration, services and
/// storage), <see cref="HookPhase.AfterWorkloads"/> for post-install/post-upgrade (once the workloads are healthy);
/// each waited for until complete, in <see cref="Weight"/> order. "Install" is an apply of a stack that has no revision
/// on the cluster yet (no apply of it succeeded), "upgrade" one of a stack that has. Every other event (test, pre-delete, pre-rollback,
/// crd-install...) is <see cref="Unhonoured"/>: lint reports it (SG1020), and an object none of whose events StackGen
/// honours is not applied at all, as `helm install` does not create a test hook.
/// </summary>
public sealed record Hook
{
    public const string Annotation = "helm.sh/hook";
    public const string WeightAnnotation = "helm.sh/hook-weight";
    public const string DeletePolicyAnnotation = "helm.sh/hook-delete-policy";

    public const string PreInstall = "pre-install";
    public const string PreUpgrade = "pre-upgrade";
    public const string PostInstall = "post-install";
    public const string PostUpgrade = "post-upgrade";

    /// <summary>Helm's default when no policy is given: the previous object of the same name is deleted before the hook is created anew.</summary>
    public const string BeforeHookCreation = "before-hook-creation";
    public const string HookSucceeded = "hook-succeeded";
    public const string HookFailed = "hook-failed";

    private static readonly string[] Honoured = [PreInstall, PreUpgrade, PostInstall, PostUpgrade];
    private static readonly string[] Policies = [BeforeHookCreation, HookSucceeded, HookFailed];

    private Hook(IReadOnlyList<string> events, int weight, IReadOnlyList<string> deletePolicies, string? badWeight)
    {
        Events = events;
        Weight = weight;
        DeletePolicies = deletePolicies;
        InvalidWeight = badWeight;
    }

    /// <summary>The events named by <c>helm.sh/hook</c>, as written (trimmed, lower case), in order.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>Hooks of one phase run in ascending weight, then by kind and name (Helm's order); 0 when not given.</summary>
    public int Weight { get; }

    /// <summary>The delete policies; <see cref="BeforeHookCreation"/> alone when none are given, as in Helm.</summary>
    public IReadOnlyList<string> DeletePolicies { get; }

    /// <summary>A <c>helm.sh/hook-weight</c> that is not an integer (read as 0, as Helm reads it), for lint.</summary>
    public string? InvalidWeight { get; }

    /// <summary>
    /// The phase apply runs the hook in; null when StackGen honours none of its events. An object with both pre- and
    /// post- events runs before the workloads only (its post- events are <see cref="Unhonoured"/>: a Job cannot run twice
    /// under one name in one apply).
    /// </summary>
    public HookPhase? Phase =>
        Events.Any(e => e is PreInstall or PreUpgrade) ? HookPhase.BeforeWorkloads
        : Events.Any(e => e is PostInstall or PostUpgrade) ? HookPhase.AfterWorkloads
        : null;

    /// <summary>Events StackGen does not run (test, pre-delete, post-delete, pre-rollback, post-rollback, crd-install, unknown ones), and unknown delete policies.</summary>
    public IReadOnlyList<string> Unhonoured =>
    [
        .. Events.Where(e => !Honoured.Contains(e) || (Phase == HookPhase.BeforeWorkloads && e is PostInstall or PostUpgrade)),
        .. DeletePolicies.Where(p => !Policies.Contains(p)).Select(p => $"delete policy {p}"),
    ];

    /// <summary>Whether the hook runs in an apply that installs the stack (it has no revision yet) or upgrades it.</summary>
    public bool RunsOn(bool install) => Phase switch
    {
        HookPhase.BeforeWorkloads => Events.Contains(install ? PreInstall : PreUpgrade),
        HookPhase.AfterWorkloads => Events.Contains(install ? PostInstall : PostUpgrade),
        _ => false,
    };

    public bool DeletesWhen(string policy) => DeletePolicies.Contains(policy);

    /// <summary>The hook these annotations declare; null when there is no <c>helm.sh/hook</c>.</summary>
    public static Hook? Of(IDictionary<string, string>? annotations) =>
        annotations is null || !annotations.TryGetValue(Annotation, out var events)
            ? null
            : Parse(events, annotations.TryGetValue(WeightAnnotation, out var weight) ? weight : null, annotations.TryGetValue(DeletePolicyAnnotation, out var policy) ? policy : null);

    /// <summary>The hook an object held as JSON (as apply holds it) declares; null when it has no <c>helm.sh/hook</c>.</summary>
    public static Hook? Of(JsonObject item)
    {
        var annotations = item["metadata"]?["annotations"];
        return Parse((string?)annotations?[Annotation], (string?)annotations?[WeightAnnotation], (string?)annotations?[DeletePolicyAnnotation]);
    }

    /// <summary>The hook the three annotation values declare; null without <paramref name="events"/>.</summary>
    public static Hook? Parse(string? events, string? weight, string? deletePolicy)
    {
        if (events is null)
        {
            return null;
        }

        var valid = int.TryParse(weight?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
        IReadOnlyList<string> policies = List(deletePolicy) is { Count: > 0 } given ? given : [BeforeHookCreation];
        return new Hook(List(events), valid ? number : 0, policies, weight is null || valid ? null : weight);
    }

    private static IReadOnlyList<string> List(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(e => e.ToLowerInvariant()).Distinct()];
}
