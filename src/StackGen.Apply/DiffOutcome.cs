namespace StackGen.Apply;

/// <summary>What `stackgen diff` found (the CLI maps it to kubectl diff's exit codes).</summary>
public enum DiffOutcome
{
    NoChanges,
    Changes,

    /// <summary>The diff could not be computed: the server rejected an object, or a conflict stops apply.</summary>
    Failed,
}
