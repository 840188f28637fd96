using StackGen.Layering;

namespace StackGen.Rendering;

/// <summary>
/// What a render produced: the objects in install order, the stacks in dependency order, and the
/// references between stacks (consumer, provider), and the facts the stacks stated about their objects, in stack order.
/// </summary>
public sealed record RenderResult(
    EnvironmentConfig Environment,
    IReadOnlyList<RenderedObject> Objects,
    IReadOnlyList<string> StackOrder,
    IReadOnlyList<StackDependency> Dependencies,
    IReadOnlyList<StatedFact> Facts);
