using StackGen.Tests.OpenApi;

namespace StackGen.Tests.Support;

/// <summary>
/// What must hold for any organisation's files, whatever their values: the suite runs these on the shipped
/// organisation, and the README tests on a copy edited as README says. They follow the files, never hard-code them.
/// </summary>
public static class OrganisationChecks
{
    /// <summary>The golden cases: every stack each environment deploys, read from the catalog and the environment files.</summary>
    public static TheoryData<string, string> StacksByEnvironment(TestOrganisation organisation)
    {
        var data = new TheoryData<string, string>();
        foreach (var (stack, environment) in StackEnvironments(organisation))
        {
            data.Add(stack, environment);
        }

        return data;
    }

    public static IEnumerable<(string Stack, string Environment)> StackEnvironments(TestOrganisation organisation) =>
        organisation.Environments.SelectMany(environment => organisation.Load(environment).Stacks.Select(s => (s.Stack.Name, environment)));

    /// <summary>`stackgen render --env E` succeeds for every environment (lint lets it through) and prints the engine's render.</summary>
    public static void RendersEveryEnvironment(TestOrganisation organisation)
    {
        foreach (var environment in organisation.Environments)
        {
            var run = organisation.Cli("render", "--env", environment);

            Assert.True(run.ExitCode == 0, $"render --env {environment} exited {run.ExitCode}:\n{run.Error}");
            Assert.Equal(organisation.Yaml(environment), run.Out);
        }
    }

    /// <summary>
    /// Lint clean for the tier: `stackgen lint` exits 0 with no errors. Warnings are allowed (render accepts them);
    /// what a tier makes an error is the tier's business.
    /// </summary>
    public static void LintsWithoutErrors(TestOrganisation organisation)
    {
        foreach (var environment in organisation.Environments)
        {
            var run = organisation.Cli("lint", "--env", environment);

            Assert.True(run.ExitCode == 0, $"lint --env {environment} exited {run.ExitCode}:\n{run.Out}{run.Error}");
            Assert.Matches($@"(^|\n){environment}: 0 errors, \d+ warnings?, \d+ notes?, \d+ suppressed\n$", run.Out);
        }
    }

    /// <summary>Every rendered document parses back and validates against the OpenAPI spec of the environment's Kubernetes version.</summary>
    public static void ValidatesAgainstOpenApi(TestOrganisation organisation, string environment)
    {
        var result = organisation.Render(environment);
        var schema = KubernetesSchema.Load(result.Environment.Target.KubernetesVersion);

        var documents = YamlToJson.Parse(TestOrganisation.Yaml(result));

        Assert.Equal(result.Objects.Count, documents.Count);
        Assert.Empty(documents.SelectMany(schema.Validate));
    }

    /// <summary>The organisation's rule: every stack of the catalog is deployed in every environment.</summary>
    public static void DeploysEveryStackEverywhere(TestOrganisation organisation)
    {
        foreach (var environment in organisation.Environments)
        {
            var deployed = organisation.Load(environment).Stacks.Select(s => s.Stack.Name);
            Assert.Equal(organisation.Catalog.Names.Order(StringComparer.Ordinal), deployed.Order(StringComparer.Ordinal));
        }
    }
}
