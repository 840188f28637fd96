namespace StackGen.Apply;

/// <summary>
/// Apply was cancelled (Ctrl+C, SIGTERM) and stopped cleanly: the locks it held are released (<see cref="Released"/>
/// names their Leases; empty when it held none, i.e. before it wrote anything). What was applied stays; every step
/// is idempotent, so the next apply converges.
/// </summary>
public sealed class ApplyInterruptedException(IReadOnlyList<string> released, CancellationToken cancel)
    : OperationCanceledException($"apply interrupted; leases released: {(released.Count == 0 ? "none" : string.Join(", ", released))}", cancel)
{
    /// <summary>The names of the Leases released (stackgen-lock-STACK), in the order they were taken.</summary>
    public IReadOnlyList<string> Released { get; } = released;
}
