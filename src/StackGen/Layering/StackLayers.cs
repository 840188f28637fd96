using StackGen.Binding;
using StackGen.Stacks;

namespace StackGen.Layering;

/// <summary>One stack as an environment deploys it: the stack and its bound, layered settings.</summary>
/// <param name="Declared">Where the environment file lists the stack, for errors about the stack as a whole.</param>
public sealed record StackLayers(IStack Stack, BoundSettings Settings, Diagnostics.SourceLocation Declared);
