namespace StackGen.Apply.Waiting;

/// <summary>How far an object is: its state, a short progress text ("2/3 ready") and, when stuck or failed, why.</summary>
public sealed record HealthStatus(HealthState State, string Progress, string? Reason = null)
{
    public bool IsReady => State == HealthState.Ready;
}
