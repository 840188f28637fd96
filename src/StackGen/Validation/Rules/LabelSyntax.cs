using k8s.Models;

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

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var rendered in context.Objects)
        {
            var templates = new List<V1ObjectMeta> { rendered.Resource.Metadata };
            if (Workload.Of(rendered)?.Template.Metadata is { } template)
            {
                templates.Add(template);
            }

            foreach (var metadata in templates)
            {
                foreach (var (key, value) in metadata.Labels ?? new Dictionary<string, string>())
                {
                    if (!Names.IsQualifiedName(key))
                    {
                        yield return new Violation(rendered, $"label key '{key}' is not a qualified name");
                    }
                    else if (!Names.IsLabelValue(value))
                    {
                        yield return new Violation(rendered, $"label {key} has value '{value}', which is not a valid label value (at most 63 characters of letters, digits, '-', '_', '.')");
                    }
                }

                foreach (var key in (metadata.Annotations ?? new Dictionary<string, string>()).Keys.Where(k => !Names.IsQualifiedName(k)))
                {
                    yield return new Violation(rendered, $"annotation key '{key}' is not a qualified name");
                }
            }
        }
    }
}
