namespace StackGen.Apply;

/// <summary>How to apply: the flags of `stackgen apply` and `stackgen rollback`.</summary>
public sealed record ApplyOptions
{
    /// <summary>Server-side dry run (dryRun=All): the server validates everything, nothing is persisted.</summary>
    public bool DryRun { get; init; }

    /// <summary>Take fields other managers own (force=true); otherwise conflicts are reported and nothing is applied.</summary>
    public bool ForceConflicts { get; init; }

    /// <summary>Create the target namespace when it is missing (apply only); otherwise a missing one stops the apply before any write.</summary>
    public bool CreateNamespace { get; init; }

    /// <summary>The organisation's system (app.kubernetes.io/part-of) on what apply creates outside any stack: the namespace.</summary>
    public string System { get; init; } = "";

    public bool Prune { get; init; } = true;

    public bool Wait { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Run the render's Helm hooks (install/upgrade ones) in their phases. False for rollback: as `helm rollback` runs no
    /// install or upgrade hook, a rollback does not run a migration Job again (with the old code, against the newer
    /// schema); hooks are neither applied nor pruned.
    /// </summary>
    public bool RunHooks { get; init; } = true;
}
