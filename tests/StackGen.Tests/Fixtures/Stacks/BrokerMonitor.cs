using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using StackGen.Objects;
using StackGen.Stacks;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The fixture organisation's Prometheus Operator ServiceMonitor for the broker's metrics, written as an
/// <see cref="UntypedObject"/>: the custom resource lint validates against crds/monitoring.coreos.com. Not in the
/// fixture environments; the custom resource lint tests add it.
/// </summary>
public sealed class BrokerMonitor : StackGen.Stacks.Stack<BrokerMonitorSettings>
{
    private const string Component = "metrics";

    public override string Name => "monitor";

    public override string Owner => "platform";

    public override string Description => "fixture: a ServiceMonitor (an untyped custom resource)";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, BrokerMonitorSettings settings)
    {
        var monitor = new UntypedObject(settings.ApiVersion, "ServiceMonitor", context.Metadata(context.Name(), Component));
        var spec = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = "broker" } },
            ["endpoints"] = new JsonArray(new JsonObject { ["port"] = "metrics", ["scheme"] = settings.Scheme, ["interval"] = settings.Interval }),
        };
        foreach (var (key, value) in settings.ExtraSpec)
        {
            spec[key] = value;
        }

        monitor.Fields["spec"] = spec;
        return [monitor];
    }
}
