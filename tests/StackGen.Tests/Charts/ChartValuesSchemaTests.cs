using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

public sealed class ChartValuesSchemaTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public ChartValuesSchemaTests()
    {
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
    }

    private IReadOnlyList<string> Check(string yaml, string chart = "queue") =>
        [.. ChartValuesSchema.Check(
            VendoredCharts.Find(_repository.Root, chart),
            ChartValues.From(YamlLayerReader.Read(yaml, (line, column) => SourceLocation.InFile("environments/dev.yaml", line, column))))
            .Select(e => e.ToString())];

    [Fact]
    public void A_misspelt_value_is_an_error_where_it_was_written_with_a_did_you_mean()
    {
        var error = Assert.Single(Check("replicaCont: 3\n"));

        Assert.StartsWith("environments/dev.yaml:1:1: error: replicaCont: chart queue 1.0.0 has no such value; did you mean 'replicaCount'? (its values.yaml and values.schema.json list ", error);
    }

    [Fact]
    public void A_misspelt_nested_value_is_found_too()
    {
        Assert.StartsWith("environments/dev.yaml:2:3: error: image.tga: chart queue 1.0.0 has no such value; did you mean 'tag'?", Assert.Single(Check("image:\n  tga: \"2.2\"\n")));
    }

    [Fact]
    public void A_value_of_the_wrong_type_or_range_is_an_error_at_the_value()
    {
        var errors = Check("replicaCount: many\nservice:\n  port: 70000\nmigrations:\n  enabled: maybe\n");

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("environments/dev.yaml:1:15: error: replicaCount: ", errors.Single(e => e.Contains("replicaCount", StringComparison.Ordinal)));
        Assert.StartsWith("environments/dev.yaml:3:9: error: service.port: ", errors.Single(e => e.Contains("service.port", StringComparison.Ordinal)));
        Assert.StartsWith("environments/dev.yaml:5:12: error: migrations.enabled: ", errors.Single(e => e.Contains("migrations.enabled", StringComparison.Ordinal)));
        Assert.All(errors, e => Assert.EndsWith("(vendor/charts/queue/1.0.0/values.schema.json)", e));
    }

    [Fact]
    public void Values_the_chart_knows_and_open_mappings_pass()
    {
        Assert.Empty(Check("replicaCount: 3\nimage:\n  tag: \"2.2\"\npodLabels:\n  team: platform\nglobal:\n  anything: 1\nnaming:\n  nameOverride: q\n"));
    }

    [Fact]
    public void A_chart_without_a_schema_takes_any_values()
    {
        var chart = ChartFixtures.CopyOf(ChartFixtures.Queue, Directory.CreateTempSubdirectory("stackgen-charts-").FullName);
        File.Delete(Path.Combine(chart, ChartValuesSchema.SchemaFile));
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), File.ReadAllText(Path.Combine(chart, "Chart.yaml")).Replace("name: queue", "name: loose", StringComparison.Ordinal));
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", chart).ExitCode);

        Assert.Empty(Check("replicaCont: 3\n", "loose"));
        Directory.Delete(Path.GetDirectoryName(chart)!, recursive: true);
    }

    public void Dispose() => _repository.Dispose();
}
