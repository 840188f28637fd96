using System.Globalization;
using StackGen.Naming;

namespace StackGen.Validation.Rules;

/// <summary>SG1004: container and port names are unique and valid; port names fit in 15 characters.</summary>
public sealed class ContainerAndPortNames : Rule
{
    public override string Id => "SG1004";

    public override string Title => "Container and port names are unique and valid";

    public override string Explanation =>
        "Container names must be unique DNS labels within a pod (init containers included). Port names must be unique " +
        "within a container and be IANA service names: at most 15 characters of lower-case letters, digits and single " +
        "hyphens, with at least one letter. A 16-character port name is the classic apply-time rejection; Service ports " +
        "must have unique names too when there is more than one; a Service port's name is a DNS label, and a named " +
        "targetPort must be a valid port name.";

    public override string Fix => "Shorten the name (e.g. 'management', 'metrics'), or rename the duplicate.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var duplicate in workload.AllContainers.GroupBy(c => c.Name).Where(g => g.Count() > 1))
            {
                yield return new Violation(workload.Rendered, $"container name '{duplicate.Key}' is used {duplicate.Count()} times");
            }

            foreach (var container in workload.AllContainers)
            {
                if (!Names.IsDnsLabel(container.Name ?? ""))
                {
                    yield return new Violation(workload.Rendered, $"container name '{container.Name}' is not a DNS label");
                }

                var named = (container.Ports ?? []).Where(p => p.Name is not null).ToArray();
                foreach (var port in named.Where(p => !Names.IsPortName(p.Name)))
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name}: port name '{port.Name}' is not an IANA service name (at most 15 characters, lower-case letters, digits, single hyphens)");
                }

                foreach (var duplicate in named.GroupBy(p => p.Name).Where(g => g.Count() > 1))
                {
                    yield return new Violation(workload.Rendered, $"container {container.Name}: port name '{duplicate.Key}' is used {duplicate.Count()} times");
                }
            }
        }

        foreach (var (rendered, service) in context.OfType<k8s.Models.V1Service>())
        {
            var ports = service.Spec?.Ports ?? [];
            if (ports.Count > 1 && ports.Any(p => string.IsNullOrEmpty(p.Name)))
            {
                yield return new Violation(rendered, "has several ports, so every port needs a name");
            }

            foreach (var duplicate in ports.Where(p => p.Name is not null).GroupBy(p => p.Name).Where(g => g.Count() > 1))
            {
                yield return new Violation(rendered, $"port name '{duplicate.Key}' is used {duplicate.Count()} times");
            }

            // As the API server validates a Service: its port names are DNS labels, a named targetPort is a port name.
            foreach (var port in ports)
            {
                if (!string.IsNullOrEmpty(port.Name) && !Names.IsDnsLabel(port.Name))
                {
                    yield return new Violation(rendered, $"port name '{port.Name}' is not a DNS label");
                }

                if (port.TargetPort?.Value is { } target && !int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Names.IsPortName(target))
                {
                    yield return new Violation(rendered, $"port {port.Name ?? port.Port.ToString(CultureInfo.InvariantCulture)}: targetPort '{target}' is neither a number nor a port name");
                }
            }
        }
    }
}
