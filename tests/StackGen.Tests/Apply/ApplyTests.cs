using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>`stackgen apply` against the fake API server: install, re-apply, change, dry run, and what goes over the wire.</summary>
public sealed class ApplyTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private CliRun Apply(params string[] args) => _cluster.Apply(args);

    [Fact]
    public void First_install_applies_the_render_then_diff_reports_no_changes()
    {
        var apply = Apply();

        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
        Assert.Contains("statefulset/broker: ready (3/3 ready)", apply.Out, StringComparison.Ordinal);
        var diff = _cluster.Run("diff", "--env", "production");
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);
        Assert.Equal("", diff.Out);
    }

    [Fact]
    public void Objects_go_over_the_wire_as_server_side_apply_of_the_rendered_YAML_in_install_order()
    {
        Apply();

        var applies = _cluster.Writes().Where(r => r.Method == "PATCH").ToArray();
        Assert.All(applies, r =>
        {
            Assert.Equal(ResourceClient.ApplyPatchContentType, r.MediaType);
            Assert.Equal("stackgen", r.QueryValue("fieldManager"));
            Assert.Null(r.QueryValue("force"));
        });

        var render = FixtureOrganisation.Organisation.Render("production");
        var objectApplies = applies.Where(r => !r.Path.Contains("/secrets/stackgen-", StringComparison.Ordinal)).Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToArray();
        Assert.Equal(render.Objects.Select(o => o.Name), objectApplies);

        // The body is the render's YAML plus the set's label, nothing else.
        var statefulSet = applies.Single(r => r.Path.EndsWith("/statefulsets/broker", StringComparison.Ordinal));
        var rendered = TestOrganisation.Yaml(FixtureOrganisation.Organisation.Render("production", stacks: ["broker"])).Split("---\n").Single(d => d.Contains("kind: StatefulSet", StringComparison.Ordinal));
        const string partOf = $"\n    app.kubernetes.io/part-of: {FixtureOrganisation.System}\n";
        var at = rendered.IndexOf(partOf, StringComparison.Ordinal) + partOf.Length;
        var withLabel = rendered[..at] + $"    {ApplySet.PartOfLabel}: {FakeCluster.SetId("broker")}\n" + rendered[at..];
        Assert.Equal(withLabel, statefulSet.Body);
    }

    [Fact]
    public void Each_stack_is_an_ApplySet_kubectl_recognises()
    {
        Apply();

        var parent = _cluster.Live("v1", "Secret", "stackgen-broker")!;
        Assert.Equal(FakeCluster.SetId("broker"), (string?)parent["metadata"]!["labels"]![ApplySet.IdLabel]);
        Assert.Equal("stackgen/v1", (string?)parent["metadata"]!["annotations"]![ApplySet.ToolingAnnotation]);
        Assert.Equal("ConfigMap,PodDisruptionBudget.policy,Service,StatefulSet.apps", (string?)parent["metadata"]!["annotations"]![ApplySet.ContainsGroupKindsAnnotation]);
        Assert.Equal(FakeCluster.SetId("broker"), (string?)_cluster.Live("apps/v1", "StatefulSet", "broker")!["metadata"]!["labels"]![ApplySet.PartOfLabel]);
    }

    [Fact]
    public void Re_applying_an_unchanged_render_writes_nothing()
    {
        Apply();
        var before = _cluster.Server.WriteCount;
        _cluster.Server.ClearRequests();

        var again = Apply();

        Assert.Empty(_cluster.Writes());
        Assert.Equal(before, _cluster.Server.WriteCount);
        Assert.Contains("no changes", again.Out, StringComparison.Ordinal);
        Assert.Single(History("broker"));
    }

    [Fact]
    public void A_change_writes_only_the_objects_it_changes_and_records_a_revision()
    {
        Apply();
        var changed = _cluster.Run("diff", "--env", "production", "--set", "broker.replicas=5");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("-  replicas: 3\n+  replicas: 5\n", changed.Out, StringComparison.Ordinal);
        _cluster.Server.ClearRequests();

        Apply("--set", "broker.replicas=5");

        var render = FixtureOrganisation.Organisation.Render("production", ["broker.replicas=5"]);
        _cluster.AssertLiveEqualsRender(render);
        var written = _cluster.Writes().Where(r => r.Method == "PATCH" && !r.Path.Contains("/secrets/stackgen-", StringComparison.Ordinal)).Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToHashSet();
        Assert.Contains("broker", written);
        Assert.Contains("broker-config", written);
        Assert.Contains("worker", written);
        Assert.DoesNotContain("broker-peers", written);
        Assert.DoesNotContain("backup", written);
        Assert.Equal(2, History("broker").Count);
        Assert.Equal(0, _cluster.Run("diff", "--env", "production", "--set", "broker.replicas=5").ExitCode);
    }

    [Fact]
    public void Dry_run_changes_nothing_and_sends_every_request_as_a_dry_run()
    {
        var before = _cluster.Server.WriteCount;

        var run = Apply("--dry-run");

        Assert.Equal(before, _cluster.Server.WriteCount);
        Assert.Empty(_cluster.Writes());
        Assert.Contains("statefulset/broker: created (dry run)", run.Out, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("apps/v1", "StatefulSet", "broker"));
    }

    [Fact]
    public void Stack_selects_what_is_applied_and_the_namespace_flag_retargets_the_render()
    {
        _cluster.Server.SeedNamespace("shop-canary");

        Apply("--stack", "broker", "--namespace", "shop-canary");

        Assert.NotNull(_cluster.Live("apps/v1", "StatefulSet", "broker", "shop-canary"));
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "worker", "shop-canary"));
        Assert.Null(_cluster.Live("apps/v1", "StatefulSet", "broker"));
        Assert.NotNull(_cluster.Live("v1", "Secret", "stackgen-broker", "shop-canary"));
    }

    [Fact]
    public void A_missing_context_is_bad_input()
    {
        var run = _cluster.Run("apply", "--env", "production", "--context", "prod-eu2");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("context prod-eu2: error: kubeconfig", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'prod-eu1'", run.Error, StringComparison.Ordinal);
    }

    private IReadOnlyList<string> History(string stack)
    {
        var run = _cluster.Run("history", "--env", "production", "--stack", stack);
        Assert.Equal(0, run.ExitCode);
        return [.. run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
    }
}
