namespace StackGen.Apply.Kube;

/// <summary>A field another field manager owns with a different value: server-side apply refused to take it.</summary>
/// <param name="Manager">The other manager, as the server names it ("kubectl-edit", "hpa-controller").</param>
public sealed record FieldConflict(string Field, string Manager, string Message);
