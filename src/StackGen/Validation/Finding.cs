using StackGen.Diagnostics;

namespace StackGen.Validation;

/// <summary>
/// A violation as reported: rule, severity for this environment, the object, and where to fix it — the
/// setting's file:line:column when a layer set it, else where the environment declares the stack.
/// </summary>
public sealed record Finding(
    Rule Rule,
    Severity Severity,
    string Stack,
    string ObjectId,
    string Message,
    SourceLocation Location,
    string? Setting,
    string? SuppressedBecause = null,
    SourceLocation? SuppressedAt = null)
{
    public bool IsSuppressed => SuppressedBecause is not null;
}
