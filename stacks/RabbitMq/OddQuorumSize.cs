using k8s.Models;
using StackGen.Layering;
using StackGen.Validation;

namespace StackGen.Stacks.RabbitMq;

/// <summary>SG2009: a RabbitMQ cluster runs an odd number of nodes.</summary>
public sealed class OddQuorumSize : Rule
{
    public override string Id => "SG2009";

    public override string Title => "RabbitMQ clusters run an odd number of nodes";

    public override string Explanation =>
        "Quorum queues, and pause_minority partition handling, need a majority of the nodes. An even node count buys " +
        "nothing over the odd count below it: four nodes survive losing one, as three do, and a partition into two " +
        "halves leaves no majority, so pause_minority pauses every node and the whole cluster stops serving. The extra " +
        "node costs a replica of every queue and adds a member every write waits for.";

    public override string Fix => "Set the stack's replicas to an odd number (3, 5 or 7).";

    public override Severity SeverityFor(Tier tier) => tier == Tier.Development ? Severity.Warning : Severity.Error;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var (rendered, cluster) in context.Facts<RabbitMqNodes>())
        {
            if (rendered.Resource is V1StatefulSet { Spec.Replicas: > 1 and var replicas } && replicas % 2 == 0)
            {
                yield return new Violation(rendered, $"runs {replicas} RabbitMQ nodes: an even count has no majority when split in half, and survives no more node failures than {replicas - 1} nodes would", cluster.ReplicasSetting);
            }
        }
    }
}
