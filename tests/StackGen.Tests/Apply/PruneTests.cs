using System.Text.Json.Nodes;
using StackGen.Apply.Sets;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>Objects that leave the render are deleted after the apply; PVCs, kept objects and outsiders never are.</summary>
public sealed class PruneTests : IAsyncLifetime
{
    private const string NoBeat = "worker.scheduler.enabled=false";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        var install = _cluster.Run("apply", "--env", "production");
        Assert.True(install.ExitCode == 0, install.Error);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private JsonObject Seed(string apiVersion, string kind, string name, string? setOf = null, string? keep = null)
    {
        var labels = new JsonObject { ["app"] = name };
        if (setOf is not null)
        {
            labels[ApplySet.PartOfLabel] = FakeCluster.SetId(setOf);
        }

        var item = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = FakeCluster.Namespace, ["labels"] = labels },
        };
        if (keep is not null)
        {
            item["metadata"]!["annotations"] = new JsonObject { ["stackgen.io/keep"] = keep };
        }

        return _cluster.Server.Seed(item, "someone");
    }

    [Fact]
    public void Removing_an_object_from_the_render_prunes_exactly_that_object_and_never_a_PVC()
    {
        Seed("v1", "PersistentVolumeClaim", "backup-old-data", setOf: "backup");
        Seed("apps/v1", "Deployment", "keep-me", setOf: "worker", keep: "true");
        Seed("apps/v1", "Deployment", "hand-made");
        Seed("apps/v1", "Deployment", "someone-elses", setOf: "worker-in-another-namespace");
        _cluster.Server.ClearRequests();

        var run = _cluster.Run("apply", "--env", "production", "--set", NoBeat);

        Assert.True(run.ExitCode == 0, run.Error);
        var delete = Assert.Single(_cluster.Server.Requests, r => r.Method == "DELETE" && !r.Path.Contains("/leases/", StringComparison.Ordinal));
        Assert.Equal("/apis/apps/v1/namespaces/shop/deployments/worker-scheduler", delete.Path);
        Assert.Contains("deployment/worker-scheduler: pruned", run.Out, StringComparison.Ordinal);
        Assert.Contains("persistentvolumeclaim/backup-old-data: kept, not pruned (PersistentVolumeClaims are never pruned)", run.Out, StringComparison.Ordinal);
        Assert.Contains("deployment/keep-me: kept, not pruned", run.Out, StringComparison.Ordinal);
        Assert.NotNull(_cluster.Live("apps/v1", "Deployment", "hand-made"));
        Assert.NotNull(_cluster.Live("apps/v1", "Deployment", "someone-elses"));
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production", [NoBeat]), "PersistentVolumeClaim/backup-old-data", "Deployment/keep-me");

        var diff = _cluster.Run("diff", "--env", "production", "--set", NoBeat);
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);
    }

    [Fact]
    public void Diff_lists_what_apply_would_prune()
    {
        var diff = _cluster.Run("diff", "--env", "production", "--set", NoBeat);

        Assert.Equal(1, diff.ExitCode);
        Assert.Equal("would prune deployment/worker-scheduler (left the render of stack worker)\n", diff.Out);
    }

    [Fact]
    public void Prune_false_applies_without_deleting()
    {
        var run = _cluster.Run("apply", "--env", "production", "--set", NoBeat, "--prune=false");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.NotNull(_cluster.Live("apps/v1", "Deployment", "worker-scheduler"));
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.Method == "DELETE" && r.Path.Contains("/deployments/", StringComparison.Ordinal));
        Assert.Equal(1, _cluster.Run("diff", "--env", "production", "--set", NoBeat).ExitCode);
    }

    [Fact]
    public void A_kind_that_left_the_render_entirely_is_still_pruned_and_leaves_the_parent()
    {
        var workers = _cluster.Live("v1", "Secret", "stackgen-worker")!;
        Assert.Equal("Deployment.apps,PodDisruptionBudget.policy", (string?)workers["metadata"]!["annotations"]![ApplySet.ContainsGroupKindsAnnotation]);
        Seed("batch/v1", "Job", "worker-old-producer", setOf: "worker");
        _cluster.Server.Seed(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = "stackgen-worker",
                ["namespace"] = FakeCluster.Namespace,
                ["labels"] = workers["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    [ApplySet.ToolingAnnotation] = ApplySet.Tooling,
                    [ApplySet.EnvironmentAnnotation] = "production",
                    [ApplySet.ContainsGroupKindsAnnotation] = "Deployment.apps,Job.batch,PodDisruptionBudget.policy",
                },
            },
            ["type"] = "stackgen.io/applyset",
        });

        var run = _cluster.Run("apply", "--env", "production");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Null(_cluster.Live("batch/v1", "Job", "worker-old-producer"));
        Assert.Equal("Deployment.apps,PodDisruptionBudget.policy", (string?)_cluster.Live("v1", "Secret", "stackgen-worker")!["metadata"]!["annotations"]![ApplySet.ContainsGroupKindsAnnotation]);
    }
}
