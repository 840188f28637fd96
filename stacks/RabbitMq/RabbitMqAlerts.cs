using StackGen.CustomResources.Monitoring.V1;

namespace StackGen.Stacks.RabbitMq;

/// <summary>
/// The alerts that matter for the lessons the rabbitmq stack encodes, in PromQL over rabbitmq_prometheus's metrics as
/// the ServiceMonitor scrapes them (Prometheus Operator adds the <c>namespace</c> and <c>service</c> labels):
/// <list type="bullet">
/// <item><c>rabbitmq_identity_info</c> (<c>/metrics</c>): one series per running node. A node paused by
/// pause_minority stops its listeners, the Prometheus one included, so its series goes.</item>
/// <item><c>erlang_vm_dist_node_state</c> (<c>/metrics</c>): 3 per established link to a peer; a full mesh has
/// n·(n−1) of them, fewer means a partition (or a node that cannot join).</item>
/// <item><c>rabbitmq_alarms_memory_used_watermark</c> (<c>/metrics</c>): 1 while the node's memory alarm blocks every publisher.</item>
/// <item><c>rabbitmq_detailed_queue_messages_ready</c> and <c>rabbitmq_detailed_queue_consumers</c>
/// (<c>/metrics/detailed?family=queue_coarse_metrics&amp;family=queue_consumer_count</c>): per queue.</item>
/// </list>
/// </summary>
internal static class RabbitMqAlerts
{
    private const string Critical = "critical";
    private const string Warning = "warning";

    /// <param name="service">The client Service the ServiceMonitor scrapes through.</param>
    public static PrometheusRuleSpecGroups Group(string @namespace, string service, RabbitMqSettings settings)
    {
        var nodes = $"namespace=\"{@namespace}\", service=\"{service}\"";
        // Counted per pod and per link, not per series: a series scraped twice (both endpoints, a second Prometheus replica
        // behind federation) must not make a missing node look present.
        var running = $"(count(count by (pod) (rabbitmq_identity_info{{{nodes}}})) or vector(0))";
        var majority = (settings.Replicas / 2) + 1;
        List<PrometheusRuleSpecGroupsRules> rules =
        [
            Alert(
                "RabbitMQNodePausedOrDown",
                $"{running} < {settings.Replicas}",
                "5m",
                Critical,
                $"{{{{ $value }}}} of {settings.Replicas} RabbitMQ nodes in {@namespace} are running",
                "A node is down, or paused by pause_minority because it is on the minority side of a network partition: it refuses clients until the partition heals."),
            Alert(
                "RabbitMQQuorumQueuesWithoutLeader",
                $"{running} < {majority}",
                "1m",
                Critical,
                $"Only {{{{ $value }}}} of {settings.Replicas} RabbitMQ nodes in {@namespace} are running: quorum queues have no leader",
                $"Quorum queues have a member on every node and need a majority ({majority}) to elect a leader; without one they accept and deliver nothing."),
        ];
        if (settings.Replicas > 1)
        {
            rules.Add(Alert(
                "RabbitMQPartitioned",
                $"count(count by (pod, peer) (erlang_vm_dist_node_state{{{nodes}}} == 3)) < {settings.Replicas * (settings.Replicas - 1)}",
                "5m",
                Critical,
                $"RabbitMQ in {@namespace} has {{{{ $value }}}} of {settings.Replicas * (settings.Replicas - 1)} Erlang distribution links up",
                "The nodes no longer form a full mesh: a network partition, or a node that cannot join the cluster."));
        }

        rules.Add(Alert(
            "RabbitMQMemoryAlarm",
            $"max by (pod) (rabbitmq_alarms_memory_used_watermark{{{nodes}}}) > 0",
            "2m",
            Critical,
            $"RabbitMQ node {{{{ $labels.pod }}}} in {@namespace} is in memory alarm",
            "While the alarm lasts the whole cluster blocks every publishing connection: tasks are not enqueued. Consumers draining the queues clear it."));
        rules.Add(Alert(
            "RabbitMQQueueWithoutConsumers",
            $"(rabbitmq_detailed_queue_messages_ready{{{nodes}, vhost=\"{settings.Vhost}\"}} > 0) and on (namespace, pod, vhost, queue) (rabbitmq_detailed_queue_consumers{{{nodes}, vhost=\"{settings.Vhost}\"}} == 0)",
            settings.Monitoring.IdleQueueFor.Text,
            Warning,
            $"Queue {{{{ $labels.queue }}}} in {@namespace} has {{{{ $value }}}} ready messages and no consumer",
            "Its workers are gone or stuck while their pods may still look ready (a TCP readiness check cannot see a worker that stopped consuming); its tasks wait."));
        return new PrometheusRuleSpecGroups { Name = "rabbitmq", Rules = rules };
    }

    private static PrometheusRuleSpecGroupsRules Alert(string name, string expression, string pending, string severity, string summary, string description) => new()
    {
        Alert = name,
        Expr = expression,
        For = pending,
        Labels = new Dictionary<string, string> { ["severity"] = severity },
        Annotations = new Dictionary<string, string> { ["summary"] = summary, ["description"] = description },
    };
}
