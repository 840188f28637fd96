namespace StackGen.Charts;

/// <summary>A dependency a chart declares (Chart.yaml's dependencies, or requirements.yaml of an apiVersion v1 chart).</summary>
public sealed record ChartDependency(string Name, string? Version, string? Alias);
