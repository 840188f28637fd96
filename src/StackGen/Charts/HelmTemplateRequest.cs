namespace StackGen.Charts;

/// <summary>Everything a `helm template` of a vendored chart depends on: the same request renders the same bytes.</summary>
/// <param name="Release">The release name (.Release.Name).</param>
/// <param name="Namespace">The environment's namespace (.Release.Namespace).</param>
/// <param name="KubernetesVersion">The environment's Kubernetes minor version ("1.34"; .Capabilities.KubeVersion).</param>
public sealed record HelmTemplateRequest(VendoredChart Chart, string Release, string Namespace, string KubernetesVersion)
{
    /// <summary>
    /// What .Capabilities.APIVersions answers beyond helm's own set: by default the stable built-in versions of the
    /// target (<see cref="KubernetesApiVersions"/>); add the custom resource groups the environment's cluster serves.
    /// </summary>
    public IReadOnlyList<string>? ApiVersions { get; init; }

    /// <summary>The chart's values (over its values.yaml); check them first with <see cref="ChartValuesSchema"/>.</summary>
    public ChartValues Values { get; init; } = ChartValues.Empty;
}
