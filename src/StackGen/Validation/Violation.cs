using StackGen.Rendering;

namespace StackGen.Validation;

/// <summary>What a rule found on one object. <paramref name="Setting"/> is the stack setting behind it, relative to the stack ("resources").</summary>
public sealed record Violation(RenderedObject Rendered, string Message, string? Setting = null);
