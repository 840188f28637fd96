using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG1005: probes and Service target ports that name a port name one the container has.</summary>
public sealed class NamedPortsExist : Rule
{
    public override string Id => "SG1005";

    public override string Title => "Probes and Services refer to ports the container declares";

    public override string Explanation =>
        "A probe or a Service targetPort may name a port instead of giving its number. The API server accepts any name, " +
        "but a name the container does not declare makes the probe fail forever (the pod never becomes ready, or is " +
        "restarted in a loop) and the Service route nowhere. Only a render-time check catches it.";

    public override string Fix => "Declare the port on the container with that name, or use the name the container already declares.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                var names = (container.Ports ?? []).Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var probes = new[] { ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe), ("startup", container.StartupProbe) };
                foreach (var (kind, probe) in probes)
                {
                    var port = probe?.HttpGet?.Port ?? probe?.TcpSocket?.Port;
                    if (port?.Value is { } value && !int.TryParse(value, out _) && !names.Contains(value))
                    {
                        yield return new Violation(workload.Rendered, $"container {container.Name}: {kind} probe uses port '{value}', which the container does not declare");
                    }
                }
            }
        }

        foreach (var (rendered, service) in context.OfType<V1Service>())
        {
            var selected = context.Selected(service.Spec?.Selector).ToArray();
            if (selected.Length == 0)
            {
                continue;
            }

            var declared = selected.SelectMany(w => w.Pod.Containers ?? []).SelectMany(c => c.Ports ?? []).Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var port in service.Spec?.Ports ?? [])
            {
                if (port.TargetPort?.Value is { } value && !int.TryParse(value, out _) && !declared.Contains(value))
                {
                    yield return new Violation(rendered, $"port {port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} targets port '{value}', which the selected pods do not declare");
                }
            }
        }
    }
}
