using System.Text.RegularExpressions;
using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG2001: a RabbitMQ cluster of more than one node does not run with partition handling "ignore".</summary>
public sealed partial class RabbitMqPartitionHandling : Rule
{
    public override string Id => "SG2001";

    public override string Title => "RabbitMQ clusters do not ignore network partitions";

    public override string Explanation =>
        "RabbitMQ's default cluster_partition_handling is 'ignore': when the network splits a cluster, both sides keep " +
        "accepting publishes and deliveries. When it heals, the sides disagree (split brain) and tasks are consumed twice " +
        "or lost. 'pause_minority' pauses the nodes on the minority side until the partition heals, so only the majority " +
        "serves clients; with an odd number of nodes there always is one.";

    public override string Fix => "Set the stack's partitionHandling to pauseMinority (the default) and run an odd number of nodes (SG2009).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, statefulSet) in RabbitMqClusters.Of(context))
        {
            var configs = context.OfType<V1ConfigMap>()
                .Where(c => c.Rendered.Stack == rendered.Stack && c.Resource.Data?.ContainsKey("rabbitmq.conf") == true)
                .Select(c => c.Resource.Data["rabbitmq.conf"]);
            var handling = configs.Select(conf => Setting().Match(conf)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault() ?? "ignore";
            if (handling == "ignore")
            {
                yield return new Violation(rendered, $"runs {statefulSet.Spec.Replicas} RabbitMQ nodes with cluster_partition_handling = ignore (split brain on a partition)", "partitionHandling");
            }
        }
    }

    [GeneratedRegex(@"^\s*cluster_partition_handling\s*=\s*(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Setting();
}
