namespace StackGen.Validation.Rules;

/// <summary>SG1014: every custom resource's kind has a CRD (in crds/, rendered, or declared external) that serves its version.</summary>
public sealed class CustomResourceDefinitionsKnown : Rule
{
    public override string Id => "SG1014";

    public override string Title => "Custom resources have a CustomResourceDefinition that serves their version";

    public override string Explanation =>
        "A custom resource can only be applied to a cluster that has its CustomResourceDefinition, in a version the " +
        "definition serves; otherwise the apply fails with \"no matches for kind\" (or a version the CRD stopped serving). " +
        "StackGen knows a kind when its CRD is in the repository's crds/ folder, when a stack renders the CRD itself, or " +
        "when the environment declares it installed by someone else (lint.externalKinds: [group/Kind], or group/* for a " +
        "whole API group). Without a schema nothing checks the object's fields, so an unknown kind is an error.";

    public override string Fix =>
        "Add the CRD to crds/<group>/<release>/ (with its provenance), render it from a stack, or declare the kind in the " +
        "environment's lint.externalKinds; for a version the CRD does not serve, use one it serves.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var custom in context.CustomResources)
        {
            var definition = custom.Definition;
            if (definition is null)
            {
                if (!custom.DeclaredExternal)
                {
                    yield return new Violation(custom.Rendered, $"no CustomResourceDefinition for kind {custom.Rendered.Kind} in API group {custom.Group}: not in crds/, not rendered by a stack, not in lint.externalKinds");
                }
            }
            else if (!custom.DeclaredExternal && definition.Version(custom.Version) is not { Served: true })
            {
                var served = definition.ServedVersions;
                yield return new Violation(custom.Rendered, $"{custom.Rendered.ApiVersion} is not served by its CustomResourceDefinition ({definition.Source}){(served.Length > 0 ? $"; use {custom.Group}/{string.Join($" or {custom.Group}/", definition.Versions.Where(v => v.Served).Select(v => v.Name))}" : "")}");
            }
        }
    }
}
