using System.Text.Json.Nodes;
using StackGen.Apply.Manifests;
using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Apply;

/// <summary>Fields another manager owns stop the apply before anything is written, unless --force-conflicts.</summary>
public sealed class ConflictTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();

        // Someone scaled the StatefulSet by hand before StackGen took it over.
        var statefulSet = StackManifest.ToJson(FixtureOrganisation.Organisation.Render("production").Objects.Single(o => o.Kind == "StatefulSet").Resource);
        statefulSet["spec"]!["replicas"] = 5;
        _cluster.Server.Seed(statefulSet, "kubectl-edit");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string? Replicas() => _cluster.Live("apps/v1", "StatefulSet", "broker")!["spec"]!["replicas"]?.ToJsonString();

    [Fact]
    public void A_conflict_is_reported_per_field_and_manager_and_nothing_is_written()
    {
        var run = _cluster.Run("apply", "--env", "production");

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains("statefulset/broker: .spec.replicas is owned by \"kubectl-edit\"", StringComparison.Ordinal), run.Error);
        Assert.Contains("--force-conflicts", run.Error, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
        Assert.Equal("5", Replicas());
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.QueryValue("force") is not null);
    }

    [Fact]
    public void Diff_says_apply_would_stop_on_the_conflict()
    {
        var diff = _cluster.Run("diff", "--env", "production");

        Assert.Equal(2, diff.ExitCode);
        Assert.Contains(".spec.replicas is owned by \"kubectl-edit\"", diff.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Force_conflicts_takes_the_fields_and_only_then_is_force_sent()
    {
        var run = _cluster.Run("apply", "--env", "production", "--force-conflicts");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("3", Replicas());
        var forced = _cluster.Server.Requests.Where(r => r.QueryValue("force") == "true").ToArray();
        Assert.Contains(forced, r => r.Path.EndsWith("/statefulsets/broker", StringComparison.Ordinal) && r.QueryValue("dryRun") is null);
        Assert.All(forced, r => Assert.Equal("application/apply-patch+yaml", r.MediaType));
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));

        _cluster.Server.ClearRequests();
        Assert.Equal(0, _cluster.Run("apply", "--env", "production").ExitCode);
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.QueryValue("force") is not null);
        Assert.Equal("3", Replicas());
    }
}
