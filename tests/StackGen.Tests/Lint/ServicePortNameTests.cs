using k8s.Models;
using StackGen.Tests.Support;

namespace StackGen.Tests.Lint;

/// <summary>SG1004 checks a Service's ports as the API server does: names are DNS labels, a named targetPort is a port name.</summary>
public sealed class ServicePortNameTests
{
    private static V1ServicePort AmqpPort(StackGen.Rendering.RenderResult r) => r.Find<V1Service>("broker").Spec.Ports.Single(p => p.Name == "amqp");

    private static string Finding(Action<StackGen.Rendering.RenderResult> change) =>
        Assert.Single(LintRun.Of("production", change).Active, f => f.Rule.Id == "SG1004").Message;

    [Fact]
    public void A_service_port_name_that_is_not_a_dns_label_is_a_finding() =>
        Assert.Contains("port name 'AMQP_port' is not a DNS label", Finding(r => AmqpPort(r).Name = "AMQP_port"), StringComparison.Ordinal);

    [Fact]
    public void A_named_target_port_that_is_not_a_port_name_is_a_finding() =>
        Assert.Contains("targetPort 'amqp-for-clients' is neither a number nor a port name", Finding(r => AmqpPort(r).TargetPort = "amqp-for-clients"), StringComparison.Ordinal);
}
