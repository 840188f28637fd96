using StackGen.Emitting;
using StackGen.Validation.Schemas;

namespace StackGen.Validation.Rules;

/// <summary>SG1013: every custom resource matches its CRD's schema for the version its apiVersion names.</summary>
public sealed class CustomResourceSchemas : Rule
{
    public override string Id => "SG1013";

    public override string Title => "Custom resources match their CRD's schema";

    public override string Explanation =>
        "The API server checks a custom resource against the openAPIV3Schema of the CRD version it is sent as. An unknown " +
        "field (spec.endpoint for spec.endpoints) is silently pruned, or rejects the apply under strict field validation: " +
        "either way the setting never reaches the operator. A wrong type, a value outside an enum, a missing required field, " +
        "a string that breaks the pattern or length limits, a number out of range, too few or too many items or fields, a " +
        "duplicate in a set or keyed list, a value matching none of the anyOf/oneOf forms, or a malformed value of a " +
        "format (int32, int64, date-time, date, ipv4, ipv6, cidr, mac, uuid, hostname, byte) is refused. StackGen checks the rendered object against the schema of the CRD " +
        "a stack renders, else the one in crds/ (carried inside the binary). It cannot evaluate the CEL rules of " +
        "x-kubernetes-validations; the API server still does, so a render that passes may still be refused for one.";

    public override string Fix =>
        "Correct the field at the path named (the did-you-mean is the closest field the schema has); for a typed model the " +
        "compiler already knows the names, so this is usually an UntypedObject or a value from settings.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var custom in context.CustomResources)
        {
            // A version the CRD does not serve is refused whole (SG1014); its old schema would only add noise.
            if (custom.Definition?.Version(custom.Version) is not { Served: true, Schema: { } schema })
            {
                continue;
            }

            foreach (var problem in SchemaValidator.ValidateResource(KubernetesObjects.ToJson(custom.Rendered.Resource), schema))
            {
                yield return new Violation(custom.Rendered, problem.ToString());
            }
        }
    }
}
