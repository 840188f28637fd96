using System.Collections.ObjectModel;
using k8s.Models;
using StackGen.Naming;
using StackGen.Rendering;

namespace StackGen.Validation.Rules;

/// <summary>SG1002: label and annotation keys and values the API server accepts.</summary>
public sealed class LabelSyntax : Rule
{
    public override string Id => "SG1002";

    public override string Title => "Label and annotation keys and values are well-formed";

    public override string Explanation =>
        "Label and annotation keys are an optional DNS-subdomain prefix and '/', then a name of at most 63 characters of " +
        "letters, digits, '-', '_' and '.' that starts and ends alphanumeric. Label values follow the same rule (or are " +
        "empty). The API server rejects the whole object otherwise, at apply time.";

    public override string Fix => "Use keys like example.com/name and label values without spaces or slashes; put free text in annotations.";

    // Every label and annotation of every object: collected into a list rather than yielded through nested
    // iterators, and without empty dictionaries for objects that have no annotations.
    public override IEnumerable<Violation> Check(LintContext context)
    {
        var violations = new List<Violation>();
        foreach (var rendered in context.Objects)
        {
            Check(rendered, rendered.Resource.Metadata, violations);
            if (Workload.Of(rendered)?.Template.Metadata is { } template)
            {
                Check(rendered, template, violations);
            }
        }

        return violations;
    }

    private static void Check(RenderedObject rendered, V1ObjectMeta metadata, List<Violation> violations)
    {
        foreach (var (key, value) in metadata.Labels ?? ReadOnlyDictionary<string, string>.Empty)
        {
            if (!Names.IsQualifiedName(key))
            {
                violations.Add(new Violation(rendered, $"label key '{key}' is not a qualified name"));
            }
            else if (!Names.IsLabelValue(value))
            {
                violations.Add(new Violation(rendered, $"label {key} has value '{value}', which is not a valid label value (at most 63 characters of letters, digits, '-', '_', '.')"));
            }
        }

        foreach (var key in (metadata.Annotations ?? ReadOnlyDictionary<string, string>.Empty).Keys)
        {
            if (!Names.IsQualifiedName(key))
            {
                violations.Add(new Violation(rendered, $"annotation key '{key}' is not a qualified name"));
            }
        }
    }
}
