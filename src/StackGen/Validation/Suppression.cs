namespace StackGen.Validation;

/// <summary>
/// Accepts a rule's findings, narrowed to a stack and/or a resource ("Kind/name"). The reason is required:
/// a suppression nobody can explain is itself an error (SG0001).
/// </summary>
public sealed record Suppression
{
    public required string Rule { get; init; }

    public string? Stack { get; init; }

    public string? Resource { get; init; }

    public string? Reason { get; init; }
}
