namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The fixture monitor's settings: strings, as a stack writing an UntypedObject has them (nothing typed stops a bad
/// value before lint does).
/// </summary>
public sealed record BrokerMonitorSettings
{
    /// <summary>The ServiceMonitor's apiVersion: another group or version is a kind lint has no definition for.</summary>
    public string ApiVersion { get; init; } = "monitoring.coreos.com/v1";

    /// <summary>spec.endpoints[0].scheme: the CRD allows http, https, HTTP, HTTPS.</summary>
    public string Scheme { get; init; } = "http";

    public string Interval { get; init; } = "30s";

    /// <summary>Fields written into the ServiceMonitor's spec as given: the pass-through a chart's "extra values" would be.</summary>
    public IReadOnlyDictionary<string, string> ExtraSpec { get; init; } = new Dictionary<string, string>();
}
