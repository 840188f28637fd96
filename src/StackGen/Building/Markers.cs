namespace StackGen.Building;

/// <summary>Annotations stacks put on objects to tell lint (and operators) what the object is.</summary>
public static class Markers
{
    /// <summary>At most one pod of this workload may ever run (a scheduler, a leader without election).</summary>
    public const string SingleWriter = "stackgen.io/single-writer";
}
