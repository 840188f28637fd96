namespace StackGen.Emitting;

/// <summary>
/// Asks StackGen.Generators for a writer method per <c>k8s.Models</c> type in this partial class, with fields in
/// the key order <paramref name="leadingKeys"/> (comma-separated) then ordinal, and a <c>CreateWriters()</c> that maps
/// every model type to its writer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KubernetesWritersAttribute(string leadingKeys) : Attribute
{
    public string LeadingKeys { get; } = leadingKeys;
}
