namespace StackGen.Objects;

/// <summary>
/// Asks StackGen.Generators for a reader method per <c>k8s.Models</c> type in this partial class, and a
/// <c>CreateKinds()</c> that maps every top-level kind's apiVersion and kind to its reader.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KubernetesReadersAttribute : Attribute
{
}
