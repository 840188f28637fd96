using StackGen.Rendering;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>delete uninstalls one stack's ApplySet: members in reverse install order, PVCs only when asked, then the set.</summary>
public sealed class DeleteTests : IAsyncLifetime
{
    private const string Pvc = "backup-data";
    private const string Deployment = "/apis/apps/v1/namespaces/shop/deployments/backup";
    private const string History = "/api/v1/namespaces/shop/secrets/stackgen-backup-history";
    private const string Parent = "/api/v1/namespaces/shop/secrets/stackgen-backup";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        _cluster.Apply();
        _cluster.Server.ClearRequests();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static RenderedObject[] Backup() => [.. FixtureOrganisation.Organisation.Render("production", stacks: ["backup"]).Objects];

    private CliRun Delete(params string[] args) => _cluster.Run(["delete", "--env", "production", "--stack", "backup", .. args]);

    private string[] Deletes() =>
        [.. _cluster.Writes().Where(r => r.Method == "DELETE" && !r.Path.Contains("/leases/", StringComparison.Ordinal)).Select(r => r.Path)];

    [Fact]
    public void Dry_run_lists_every_member_and_the_set_and_deletes_nothing()
    {
        var run = Delete("--dry-run");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        foreach (var item in Backup().Where(o => o.Kind != "PersistentVolumeClaim"))
        {
            Assert.Contains($"would delete {item.Kind.ToLowerInvariant()}/{item.Name}\n", run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("would delete deployment/backup\nwould delete secret/stackgen-backup-history\nwould delete secret/stackgen-backup\n", run.Out, StringComparison.Ordinal);
        Assert.Contains($"persistentvolumeclaim/{Pvc}: kept (PersistentVolumeClaims are deleted only with --include-volumes)", run.Out, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public void Delete_removes_the_members_in_reverse_install_order_then_the_set_and_keeps_the_PVC()
    {
        var run = Delete();

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        foreach (var item in Backup())
        {
            var live = _cluster.Live(item.ApiVersion, item.Kind, item.Name);
            Assert.True(item.Kind == "PersistentVolumeClaim" ? live is not null : live is null, $"{item.Id}: {(live is null ? "gone" : "still live")}");
        }

        Assert.Null(_cluster.Live("v1", "Secret", "stackgen-backup"));
        Assert.Null(_cluster.Live("v1", "Secret", "stackgen-backup-history"));
        Assert.Equal([Deployment, History, Parent], Deletes());

        // The other stacks of the environment are untouched.
        var others = FixtureOrganisation.Organisation.Render("production").Objects.Select(o => o.Stack).Where(s => s != "backup").ToHashSet();
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production", stacks: others));
    }

    [Fact]
    public void A_second_delete_has_nothing_to_delete_and_succeeds()
    {
        Assert.Equal(0, Delete().ExitCode);
        _cluster.Server.ClearRequests();

        var again = Delete();

        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Equal("nothing to delete: stack backup of environment production has no ApplySet parent secret/stackgen-backup in namespace shop\n", again.Out);
        Assert.Empty(_cluster.Writes());
    }

    [Fact]
    public void Include_volumes_deletes_the_PVC_too()
    {
        var run = Delete("--include-volumes");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains($"persistentvolumeclaim/{Pvc}: deleted", run.Out, StringComparison.Ordinal);

        // Reverse install order: the Deployment that mounts the claim goes before the claim.
        Assert.Equal([Deployment, "/api/v1/namespaces/shop/persistentvolumeclaims/" + Pvc, History, Parent], Deletes());
        Assert.Null(_cluster.Live("v1", "PersistentVolumeClaim", Pvc));
    }

    [Fact]
    public void Delete_takes_the_stacks_lease_and_releases_it()
    {
        var run = Delete();

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var leases = _cluster.Writes().Where(r => r.Path.Contains("/leases/", StringComparison.Ordinal) || r.Path.EndsWith("/leases", StringComparison.Ordinal)).Select(r => r.Method).ToArray();
        Assert.Equal(["POST", "DELETE"], leases);
        var first = _cluster.Writes()[0];
        Assert.Equal(("POST", "/apis/coordination.k8s.io/v1/namespaces/shop/leases"), (first.Method, first.Path));
        Assert.Null(_cluster.Live("coordination.k8s.io/v1", "Lease", "stackgen-lock-backup"));
    }

    [Fact]
    public void A_held_lease_stops_delete_before_anything_is_deleted()
    {
        _cluster.SeedLease("backup", "alice@laptop pid 7", TimeSpan.Zero, TimeSpan.Zero);

        var run = Delete();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is being applied by someone else: lock shop/stackgen-lock-backup is held by alice@laptop pid 7", run.Error, StringComparison.Ordinal);
        Assert.Empty(Deletes());
        Assert.NotNull(_cluster.Live("v1", "Secret", "stackgen-backup"));
    }

    [Fact]
    public void Another_environments_set_in_the_namespace_is_refused()
    {
        var parent = _cluster.Live("v1", "Secret", "stackgen-backup")!;
        parent["metadata"]!["annotations"]!["stackgen.io/environment"] = "staging";
        _cluster.Server.Seed(parent);
        _cluster.Server.ClearRequests();

        var run = Delete();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: secret/stackgen-backup in namespace shop: stack backup in this namespace belongs to environment staging, not production; nothing was deleted\n", run.Error);
        Assert.Empty(_cluster.Writes());
    }

    [Fact]
    public async Task Diff_and_apply_name_a_deployed_stack_the_environment_no_longer_has_and_how_to_delete_it()
    {
        using var scratch = FixtureOrganisation.Organisation.Copy();
        await using var cluster = await FakeCluster.StartAsync(organisation: scratch.Organisation);
        cluster.Apply();
        // backup leaves the environment: its line in production.yaml and its team layer's block (the file's last).
        var environment = File.ReadAllText(scratch.PathOf("production.yaml"));
        var team = File.ReadAllText(scratch.PathOf("production/platform.yaml"));
        scratch.With("production.yaml", environment.Replace("  backup:\n", "", StringComparison.Ordinal));
        scratch.With("production/platform.yaml", team[..team.IndexOf("  backup:", StringComparison.Ordinal)]);
        const string Warning = "warning: stack backup is deployed in environment production (secret/stackgen-backup in namespace shop) but is no longer in the environment's stacks; its objects stay until `stackgen delete --env production --stack backup`\n";

        var diff = cluster.Run("diff", "--env", "production");
        var apply = cluster.Run("apply", "--env", "production");
        var oneStack = cluster.Run("diff", "--env", "production", "--stack", "worker");

        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);
        Assert.Equal(Warning, diff.Error);
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Equal(Warning, apply.Error);
        Assert.Equal("", oneStack.Error);
        Assert.NotNull(cluster.Live("apps/v1", "Deployment", "backup"));

        Assert.Equal(0, cluster.Run("delete", "--env", "production", "--stack", "backup").ExitCode);
        Assert.Equal("", cluster.Run("diff", "--env", "production").Error);
    }
}
