namespace StackGen.Cli;

/// <summary>What the render flags said: the environment, the stacks asked for (none: all of them) and the --set overrides.</summary>
/// <param name="Environment">Null only where --env is optional (lint --explain).</param>
public sealed record RenderInput(string? Environment, IReadOnlyList<string> Stacks, IReadOnlyList<string> Sets);
