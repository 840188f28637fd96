using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

/// <summary>Lint on a chart's objects, as on a stack's own: the fixture chart legacy has the seed chart's faults.</summary>
public sealed class ChartLintTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public ChartLintTests()
    {
        ChartFixtures.InstallHelm(_repository.Root);
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Legacy).ExitCode);
        _repository.With("production.yaml", """
            target:
              context: production
              namespace: shop
              kubernetesVersion: "1.34"
            tier: production
            stacks:
              rmq:
                values:
                  replicaCount: 3
            """);
    }

    private CliRun Lint(params string[] more) => CliRun.In(_repository.Root, new StackCatalog("shop", [new LegacyChart()]), ["lint", "--env", "production", "--format", "json", .. more]);

    [Fact]
    public void The_seed_charts_removed_api_and_missing_selector_are_errors_with_rule_ids_for_1_34()
    {
        var run = Lint();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"rule\": \"SG1012\"", run.Out);
        Assert.Contains("apps/v1beta1 StatefulSet is not served since Kubernetes 1.16 (target is 1.34); use apps/v1", run.Out);
        Assert.Contains("\"rule\": \"SG1003\"", run.Out);
        Assert.Contains("has no selector", run.Out);
    }

    [Fact]
    public void SG2010_names_a_chart_without_a_values_schema_and_the_stack_that_renders_it()
    {
        var run = Lint();

        Assert.Contains("stack rmq renders chart legacy 0.1.0, which ships no values.schema.json: its values are not checked (a misspelt key is ignored)", run.Out);
        Assert.Contains("\"rule\": \"SG2010\"", run.Out);
    }

    public void Dispose() => _repository.Dispose();
}
