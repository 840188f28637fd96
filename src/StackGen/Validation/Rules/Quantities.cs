using k8s.Models;
using StackGen.Settings;

namespace StackGen.Validation.Rules;

/// <summary>SG1006: resource quantities parse, and no request exceeds its limit.</summary>
public sealed class Quantities : Rule
{
    public override string Id => "SG1006";

    public override string Title => "Resource quantities are valid and requests do not exceed limits";

    public override string Explanation =>
        "CPU, memory and storage amounts are Kubernetes quantities (500m, 2, 4Gi). '10Gb' or '1.5 Gi' are rejected by the " +
        "API server. A request larger than its limit is rejected too (requests must be less than or equal to limits), and " +
        "a PersistentVolumeClaim needs a storage request.";

    public override string Fix => "Write quantities like 500m, 1, 512Mi, 10Gi, and keep requests at or below limits.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        // ResourceQuantity.ToString() canonicalizes through fractions; each amount is written out and parsed once.
        var parsed = new Dictionary<ResourceQuantity, Quantity?>(ReferenceEqualityComparer.Instance);
        Quantity? Parse(ResourceQuantity amount)
        {
            if (!parsed.TryGetValue(amount, out var quantity))
            {
                parsed[amount] = quantity = Quantity.TryParse(amount.ToString(), out var q) ? q : null;
            }

            return quantity;
        }

        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                var requests = container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
                var limits = container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
                foreach (var (resource, amount) in requests.Concat(limits))
                {
                    if (Parse(amount) is null)
                    {
                        yield return new Violation(workload.Rendered, $"container {container.Name}: {resource} '{amount}' is not a quantity", "resources");
                    }
                }

                foreach (var (resource, request) in requests)
                {
                    if (limits.TryGetValue(resource, out var limit)
                        && Parse(request) is { } r && Parse(limit) is { } l && r.Value > l.Value)
                    {
                        yield return new Violation(workload.Rendered, $"container {container.Name}: {resource} request {request} exceeds its limit {limit}", "resources");
                    }
                }
            }
        }

        var claims = context.OfType<V1PersistentVolumeClaim>().Select(c => (c.Rendered, c.Resource.Spec))
            .Concat(context.OfType<V1StatefulSet>().SelectMany(s => (s.Resource.Spec.VolumeClaimTemplates ?? []).Select(t => (s.Rendered, t.Spec))));
        foreach (var (rendered, spec) in claims)
        {
            if (spec?.Resources?.Requests?.TryGetValue("storage", out var storage) != true)
            {
                yield return new Violation(rendered, "a volume claim has no storage request", "storage");
            }
            else if (!Quantity.TryParse(storage!.ToString(), out _))
            {
                yield return new Violation(rendered, $"storage request '{storage}' is not a quantity", "storage");
            }
        }
    }
}
