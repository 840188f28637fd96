using StackGen.Apply.Sets;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>`stackgen apply --create-namespace` against the fake API server, retargeted (--namespace) at a namespace it lacks.</summary>
public sealed class CreateNamespaceTests : IAsyncLifetime
{
    private const string Missing = "shop-new";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void The_missing_namespace_is_created_first_then_everything_is_applied_and_a_re_apply_writes_nothing()
    {
        Assert.Null(_cluster.Server.Get("v1", "Namespace", null, Missing));

        var run = _cluster.Apply("--namespace", Missing, "--create-namespace");

        var created = _cluster.Server.Get("v1", "Namespace", null, Missing)!;
        var labels = created["metadata"]!["labels"]!;
        Assert.Equal(StandardLabels.Manager, (string?)labels[StandardLabels.ManagedBy]);
        Assert.Equal(FixtureOrganisation.System, (string?)labels[StandardLabels.PartOf]);
        Assert.Null(labels[ApplySet.PartOfLabel]);
        Assert.StartsWith($"namespace/{Missing}: created\n", run.Out[(run.Out.IndexOf('\n', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);

        var first = _cluster.Writes()[0];
        Assert.Equal(("PATCH", $"/api/v1/namespaces/{Missing}"), (first.Method, first.Path));
        Assert.Equal("stackgen", first.QueryValue("fieldManager"));

        var render = FixtureOrganisation.Organisation.Render("production");
        foreach (var rendered in render.Objects.Where(o => o.Resource.Metadata.NamespaceProperty is not null))
        {
            Assert.NotNull(_cluster.Live(rendered.ApiVersion, rendered.Kind, rendered.Name, Missing));
        }

        _cluster.Server.ClearRequests();
        var again = _cluster.Apply("--namespace", Missing, "--create-namespace");

        Assert.Empty(_cluster.Writes());
        Assert.Contains("no changes", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace/", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_created_namespace_is_never_pruned()
    {
        _cluster.Apply("--namespace", Missing, "--create-namespace");

        // A prune deletes what left a set: the namespace is in none of them.
        var pruning = _cluster.Apply("--namespace", Missing, "--set", "worker.scheduler.enabled=false");

        Assert.Contains("deployment/worker-scheduler: pruned", pruning.Out, StringComparison.Ordinal);
        Assert.NotNull(_cluster.Server.Get("v1", "Namespace", null, Missing));
        Assert.DoesNotContain(_cluster.Writes(), r => r.Method == "DELETE" && r.Path.EndsWith($"/namespaces/{Missing}", StringComparison.Ordinal));
    }

    [Fact]
    public void Dry_run_shows_the_namespace_and_every_object_as_created_and_writes_nothing()
    {
        var run = _cluster.Apply("--namespace", Missing, "--create-namespace", "--dry-run");

        Assert.Empty(_cluster.Writes());
        Assert.Null(_cluster.Server.Get("v1", "Namespace", null, Missing));
        Assert.Contains($"namespace/{Missing}: created (dry run)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("statefulset/broker: created (dry run)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 to change, 0 to prune; nothing was changed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_flag_a_missing_namespace_is_one_line_naming_it_and_nothing_is_written()
    {
        var run = _cluster.Run("apply", "--env", "production", "--namespace", Missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error: namespace {Missing} does not exist; nothing was applied (apply with --create-namespace to create it, or pass --namespace)"], run.ErrorLines);
        Assert.Empty(_cluster.Writes());
        Assert.Null(_cluster.Server.Get("v1", "Namespace", null, Missing));
    }

    [Fact]
    public void An_existing_namespace_is_left_alone()
    {
        _cluster.Apply("--create-namespace");

        Assert.DoesNotContain(_cluster.Writes(), r => r.Path.EndsWith($"/namespaces/{FakeCluster.Namespace}", StringComparison.Ordinal));
    }
}
