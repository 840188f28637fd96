using System.Diagnostics.CodeAnalysis;

namespace StackGen.Cli;

/// <summary>
/// Every exit code stackgen returns, in one place (README "Exit codes" lists the same). Scripts branch on these, so a
/// value never changes meaning.
/// </summary>
public enum ExitCode
{
    /// <summary>Done: rendered, clean, applied and healthy, no changes.</summary>
    Success = 0,

    /// <summary>
    /// The command's own negative answer: lint errors (render, lint, diff and apply refuse), render --check's "DIR
    /// differs", diff's "there are changes", an apply or rollback that conflicted, was locked, rejected, unhealthy, or
    /// could not reach the cluster; a delete that was locked or refused.
    /// </summary>
    Failed = 1,

    /// <summary>Bad input: files, flags, settings (one located line per problem).</summary>
    InputError = 2,

    /// <summary>
    /// diff only, as `kubectl diff` ("greater than 1: an error"): the diff could not be computed (the server rejected
    /// an object, or a conflict stops apply). Shares its value with <see cref="InputError"/>.
    /// </summary>
    [SuppressMessage("Design", "CA1069:Enums values should not be duplicated", Justification = "kubectl diff's contract gives 2 both meanings; two names say which one a command means")]
    DiffFailed = 2,

    /// <summary>An internal error: a bug in StackGen or a stack.</summary>
    InternalError = 3,

    /// <summary>
    /// Stopped by Ctrl+C (SIGINT) or SIGTERM: the shell's code for SIGINT (128 + 2), used for both signals because
    /// both mean "the operator stopped it"; apply has released its lock before exiting.
    /// </summary>
    Interrupted = 130,
}
