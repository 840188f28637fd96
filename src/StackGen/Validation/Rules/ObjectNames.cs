using StackGen.Naming;

namespace StackGen.Validation.Rules;

/// <summary>SG1001: object names the API server accepts, and short enough for what controllers derive from them.</summary>
public sealed class ObjectNames : Rule
{
    // A StatefulSet's pods carry controller-revision-hash=<name>-<10 chars>, and label values stop at 63.
    private const int StatefulSetNameLimit = Names.DnsLabelMaxLength - 11;

    public override string Id => "SG1001";

    public override string Title => "Object names are valid DNS names of the right kind and length";

    public override string Explanation =>
        "The API server rejects names that are not DNS-1123 subdomains (lower-case letters, digits, '-' and '.', at most 253 " +
        "characters). Services and Namespaces need a DNS label (at most 63, no dots; Services must start with a letter), " +
        "because they become DNS names. A StatefulSet name longer than 52 characters is accepted but its pods cannot be " +
        "created: the controller-revision-hash label it derives would exceed 63 characters. A Job's pods carry its name in a " +
        "label, so a Job name stops at 63 characters (with a content hash, Jobs.RunOnce adds 11 to the name it is given).";

    public override string Fix => "Build names with context.Name(...) and keep the stack name and suffixes short.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var rendered in context.Objects)
        {
            var name = rendered.Name;
            var problem = rendered.Kind switch
            {
                "Service" when !Names.IsDns1035Label(name) => "is not a DNS-1035 label (lower-case, starts with a letter, at most 63 characters)",
                "Namespace" when !Names.IsDnsLabel(name) => "is not a DNS label (at most 63 characters, no dots)",
                "StatefulSet" when !Names.IsDnsLabel(name) || name.Length > StatefulSetNameLimit => $"is not a DNS label of at most {StatefulSetNameLimit} characters",
                "Job" when !Names.IsDnsSubdomain(name) || name.Length > Names.DnsLabelMaxLength => $"is not a DNS-1123 subdomain of at most {Names.DnsLabelMaxLength} characters (its pods carry it in the batch.kubernetes.io/job-name label)",
                _ when !Names.IsDnsSubdomain(name) => "is not a DNS-1123 subdomain",
                _ => null,
            };
            if (problem is not null)
            {
                yield return new Violation(rendered, $"name '{name}' {problem}");
            }
        }
    }
}
