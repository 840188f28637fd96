namespace StackGen.Tests.Exporting;

public sealed record HookedJobsSettings
{
    /// <summary>How many Widgets (of the gadgets stack's definition) to emit, without referencing that stack.</summary>
    public int Widgets { get; init; }
}
