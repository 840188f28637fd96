namespace StackGen.Objects;

/// <summary>When `stackgen apply` runs a <see cref="Hook"/>: before the stack's workloads are written, or after they are healthy.</summary>
public enum HookPhase
{
    BeforeWorkloads,
    AfterWorkloads,
}
