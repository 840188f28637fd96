namespace StackGen.Stacks;

/// <summary>The recommended app.kubernetes.io labels, on every rendered object.</summary>
public static class StandardLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Manager = "stackgen";

    public static IReadOnlyList<string> All { get; } = [Name, Instance, Component, PartOf, ManagedBy];
}
