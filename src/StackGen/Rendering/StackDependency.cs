namespace StackGen.Rendering;

/// <summary><paramref name="Consumer"/> references the outputs of <paramref name="Provider"/>.</summary>
public sealed record StackDependency(string Consumer, string Provider);
