using StackGen.Settings;

namespace StackGen.Stacks.RabbitMq;

/// <summary>
/// Prometheus Operator objects for the cluster: a ServiceMonitor scraping every node's rabbitmq_prometheus port and a
/// PrometheusRule alerting on what the stack's lessons are about. Off by default: the cluster must run the Prometheus
/// Operator (its CRDs are in crds/monitoring.coreos.com/), or applying them fails.
/// </summary>
public sealed record MonitoringSettings
{
    public bool Enabled { get; init; }

    /// <summary>How often Prometheus scrapes each node.</summary>
    public Duration ScrapeInterval { get; init; } = Duration.Parse("30s");

    /// <summary>How long a non-empty queue may have no consumer before it alerts (workers gone while their pods look ready).</summary>
    public Duration IdleQueueFor { get; init; } = Duration.Parse("10m");

    /// <summary>Labels the Prometheus object's serviceMonitorSelector and ruleSelector match, e.g. <c>release: prometheus</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
