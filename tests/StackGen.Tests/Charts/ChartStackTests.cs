using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

/// <summary>A stack rendering a vendored chart, through the CLI as a user runs it: values, patches, refusals.</summary>
public sealed class ChartStackTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public ChartStackTests()
    {
        ChartFixtures.InstallHelm(_repository.Root);
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
        _repository.With("dev.yaml", ScratchRepository.DevTarget + """
            stacks:
              broker:
                values:
                  replicaCount: 2
                  podLabels:
                    tier: messaging
            """);
    }

    private CliRun Stackgen(params string[] args) => CliRun.In(_repository.Root, BrokerChart.Catalog, args);

    [Fact]
    public void The_chart_renders_typed_patched_and_completed_byte_identical_run_to_run()
    {
        var first = Stackgen("render", "--env", "dev");
        var second = Stackgen("render", "--env", "dev");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Out, second.Out);
        Snapshot.Verify("Charts/broker/dev", first.Out);
    }

    [Fact]
    public void A_patch_of_an_object_the_chart_does_not_render_is_exit_2_with_a_did_you_mean()
    {
        var run = Stackgen("render", "--env", "dev", "--set", "broker.nodes=broker-queu");

        BadInput.AssertOneError(run, "environments/dev.yaml:6:3: error: stacks.broker: Patch<V1StatefulSet>(\"broker-queu\") matches no object: chart queue 1.0.0 renders no StatefulSet named 'broker-queu'; did you mean 'broker-queue'? (its StatefulSet objects: broker-queue)");
    }

    [Theory]
    [InlineData("render")]
    [InlineData("lint")]
    [InlineData("explain")]
    [InlineData("diff")]
    public void A_misspelt_chart_value_is_exit_2_at_its_line_with_a_did_you_mean(string command)
    {
        _repository.With("dev.yaml", ScratchRepository.DevTarget + """
            stacks:
              broker:
                values:
                  replicaCont: 3
            """);

        var run = Stackgen(command, "--env", "dev");

        BadInput.AssertOneError(run, "environments/dev.yaml:8:7: error: replicaCont: chart queue 1.0.0 has no such value; did you mean 'replicaCount'?");
    }

    [Fact]
    public void A_tampered_vendored_file_is_exit_2_naming_it()
    {
        File.AppendAllText(Path.Combine(_repository.Root, "vendor/charts/queue/1.0.0/templates/statefulset.yaml"), "# edited\n");

        var run = Stackgen("render", "--env", "dev");

        BadInput.AssertOneError(run, "vendor/charts/queue/1.0.0/templates/statefulset.yaml: error: changed since queue 1.0.0 was vendored");
    }

    [Fact]
    public void A_field_the_kind_does_not_have_is_exit_2_naming_the_charts_template()
    {
        var scratch = Directory.CreateTempSubdirectory("stackgen-chart-").FullName;
        try
        {
            var chart = ChartFixtures.CopyOf(ChartFixtures.Queue, scratch);
            var template = Path.Combine(chart, "templates", "statefulset.yaml");
            File.WriteAllText(template, File.ReadAllText(template).Replace("          image:", "          imagePullPolice: Always\n          image:", StringComparison.Ordinal));
            Assert.Equal(0, CliRun.In(_repository.Root, "vendor", chart, "--replace").ExitCode);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var run = Stackgen("render", "--env", "dev");

        BadInput.AssertOneError(run, "vendor/charts/queue/1.0.0/templates/statefulset.yaml: error: StatefulSet/broker-queue: spec.template.spec.containers[0].imagePullPolice: unknown field 'imagePullPolice' (the API server would drop it)");
    }

    [Fact]
    public void Explain_shows_each_chart_value_with_its_provenance()
    {
        var run = Stackgen("explain", "--env", "dev", "broker.values");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            """
            broker.values.podLabels.tier = messaging  (environments/dev.yaml:10:15)
            broker.values.replicaCount = 2  (environments/dev.yaml:8:21)

            """,
            run.Out);
    }

    [Fact]
    public void A_team_layer_overrides_a_chart_value_and_explain_says_what_it_overrode()
    {
        _repository.With("dev/platform.yaml", "stacks:\n  broker:\n    values:\n      replicaCount: 4\n");

        var run = Stackgen("explain", "--env", "dev", "broker.values.replicaCount");

        Assert.Equal("broker.values.replicaCount = 4  (environments/dev/platform.yaml:4:21, overrides environments/dev.yaml:8:21)\n", run.Out);
        Assert.Contains("  replicas: 4\n", Stackgen("render", "--env", "dev").Out);
    }

    public void Dispose() => _repository.Dispose();
}
