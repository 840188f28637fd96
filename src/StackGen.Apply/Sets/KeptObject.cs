using StackGen.Apply.Kube;

namespace StackGen.Apply.Sets;

/// <summary>A member that left the render but is never pruned, and why.</summary>
public sealed record KeptObject(ObjectRef Item, string Reason);
