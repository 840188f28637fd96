using StackGen.Apply.Kube;

namespace StackGen.Apply.Sets;

/// <summary>The members to delete and the ones kept although they left the render, each in a stable order.</summary>
public sealed record PruneDecision(IReadOnlyList<ObjectRef> Delete, IReadOnlyList<KeptObject> Keep);
