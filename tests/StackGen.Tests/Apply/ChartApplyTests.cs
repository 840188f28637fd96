using StackGen.Stacks;
using StackGen.Tests.Charts;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// `stackgen apply` of a chart-backed stack against the fake API server: its objects are ordinary members of the stack's
/// ApplySet, the chart's CRD goes first, and an object a new chart version no longer renders is pruned.
/// </summary>
public sealed class ChartApplyTests : IAsyncLifetime, IDisposable
{
    private const string DefinitionPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/queues.example.org";
    private readonly ScratchRepository _repository = new();
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        ChartFixtures.InstallHelm(_repository.Root);
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
        _repository.With("production.yaml", """
            target:
              context: prod-eu1
              namespace: shop
              kubernetesVersion: "1.34"
            tier: development
            stacks:
              broker:
            """);
        _cluster = await FakeCluster.StartAsync(organisation: new TestOrganisation(_repository.Root, new StackCatalog("shop", [new BrokerChart()])));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void The_charts_objects_are_applied_crd_first_and_recorded()
    {
        var run = _cluster.Apply();

        var requests = _cluster.Server.Requests;
        var definition = requests.First(r => r.Method == "PATCH" && r.Path == DefinitionPath && r.QueryValue("dryRun") is null).Number;
        var firstWorkload = requests.First(r => r.Method == "PATCH" && r.Path.Contains("/statefulsets/", StringComparison.Ordinal) && r.QueryValue("dryRun") is null).Number;
        Assert.True(definition < firstWorkload, "the StatefulSet was applied before the chart's CRD");
        Assert.Contains("statefulset/broker-queue: created", run.Out, StringComparison.Ordinal);
        Assert.Contains("broker: recorded revision 1", run.Out, StringComparison.Ordinal);
        Assert.Equal(120L, (long?)_cluster.Live("apps/v1", "StatefulSet", "broker-queue")!["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]);
        _cluster.AssertLiveEqualsRender(_cluster.Organisation.Render("production"));
    }

    [Fact]
    public void An_object_a_new_chart_version_no_longer_renders_is_pruned()
    {
        _cluster.Apply();
        Assert.NotNull(_cluster.Live("batch/v1", "Job", "broker-queue-migrate"));

        // queue 1.1.0 has no migration Job any more.
        var scratch = Directory.CreateTempSubdirectory("stackgen-chart-").FullName;
        try
        {
            var next = ChartFixtures.CopyOf(ChartFixtures.Queue, scratch);
            File.WriteAllText(Path.Combine(next, "Chart.yaml"), File.ReadAllText(Path.Combine(next, "Chart.yaml")).Replace("version: 1.0.0", "version: 1.1.0", StringComparison.Ordinal));
            File.Delete(Path.Combine(next, "templates", "migrate-job.yaml"));
            Assert.Equal(0, CliRun.In(_repository.Root, "vendor", next).ExitCode);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var run = _cluster.Apply();

        Assert.Contains("job/broker-queue-migrate: pruned", run.Out, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("batch/v1", "Job", "broker-queue-migrate"));
        Assert.NotNull(_cluster.Live("apps/v1", "StatefulSet", "broker-queue"));
        Assert.Contains("broker: recorded revision 2", run.Out, StringComparison.Ordinal);
    }
}
