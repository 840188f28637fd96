using k8s;
using k8s.Models;
using StackGen.Rendering;
using StackGen.Tests.Fixtures;
using StackGen.Validation;

namespace StackGen.Tests.Lint;

/// <summary>Lints a fresh render of a fixture environment (<see cref="FixtureOrganisation"/>) after an optional change to its objects.</summary>
internal static class LintRun
{
    public static LintReport Of(string environment, Action<RenderResult>? change = null, params string[] sets) =>
        Of(environment, result =>
        {
            change?.Invoke(result);
            return result;
        }, sets);

    public static LintReport Of(string environment, Func<RenderResult, RenderResult> change, params string[] sets) =>
        Linter.Run(change(FixtureOrganisation.Organisation.Render(environment, sets)));

    public static RenderResult With(this RenderResult result, string stack, IKubernetesObject<V1ObjectMeta> resource) =>
        result with { Objects = [.. result.Objects, new RenderedObject(stack, resource)] };

    public static IEnumerable<string> Ids(this LintReport report) => report.Active.Select(f => f.Rule.Id);
}
