using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Validation;

namespace StackGen.Cli;

/// <summary>What the render pipeline produced: the loaded environment, its render and the lint of that render.</summary>
public sealed record Rendered(EnvironmentConfig Environment, RenderResult Result, LintReport Lint);
