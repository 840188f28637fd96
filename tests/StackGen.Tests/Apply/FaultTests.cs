using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Apply;

/// <summary>
/// A bad day at the API server: every fault ends with the live state equal to the render and nothing lost,
/// either by retrying within the apply or, when the apply gives up half way, by the next apply converging.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private static readonly RequestMatch RealApply = new() { Method = "PATCH", Where = r => r.QueryValue("dryRun") is null };

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public static TheoryData<string> Faults() => ["409", "429", "500", "500 on the Nth request", "dropped connection", "slow response", "500 taking the lock"];

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_transient_fault_is_retried_and_the_apply_converges(string fault)
    {
        var faults = _cluster.Server.Faults;
        switch (fault)
        {
            case "409":
                faults.ConflictNext(RealApply with { Path = "/apis/apps/v1/namespaces/shop/statefulsets/broker" });
                break;
            case "429":
                faults.ThrottleNext(3, RealApply, retryAfterSeconds: 2);
                break;
            case "500":
                faults.FailNext(2, RealApply with { Path = "/apis/apps/v1/namespaces/shop/deployments/*" });
                break;
            case "500 on the Nth request":
                faults.FailRequest(40);
                break;
            case "dropped connection":
                faults.DropNext(2, RealApply);
                break;
            case "slow response":
                _cluster.RequestTimeout = TimeSpan.FromMilliseconds(500);
                faults.DelayNext(TimeSpan.FromSeconds(2), 1, RealApply with { Path = "/apis/apps/v1/namespaces/shop/deployments/worker" });
                break;
            default:
                faults.FailNext(1, RequestMatch.For("POST", "/apis/coordination.k8s.io/v1/namespaces/shop/leases"));
                break;
        }

        var run = _cluster.Run("apply", "--env", "production");

        Assert.True(run.ExitCode == 0, $"{fault}: apply exited {run.ExitCode}\n{run.Out}\n{run.Error}");
        Assert.Equal(0, faults.Armed);
        Assert.Contains("retrying", run.Error, StringComparison.Ordinal);
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
        Assert.Equal(0, _cluster.Run("diff", "--env", "production").ExitCode);
        Assert.Single(History("broker"));
    }

    [Fact]
    public void Retry_after_is_honoured()
    {
        var start = _cluster.Clock.GetUtcNow();
        _cluster.Server.Faults.ThrottleNext(1, RealApply, retryAfterSeconds: 7);

        var run = _cluster.Run("apply", "--env", "production", "--wait=false");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("in namespace shop in 7s (attempt 2 of 6)", run.Error, StringComparison.Ordinal);
        Assert.True(_cluster.Clock.GetUtcNow() - start >= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void An_apply_that_gives_up_half_way_converges_on_the_next_run()
    {
        // Every Deployment write fails for longer than the retries last: secrets, config and services are in, workloads not.
        _cluster.Server.Faults.FailNext(100, RealApply with { Path = "/apis/apps/v1/namespaces/shop/deployments/*" });

        var broken = _cluster.Run("apply", "--env", "production");

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("gave up after 6 attempts", broken.Error, StringComparison.Ordinal);
        Assert.NotNull(_cluster.Live("v1", "ConfigMap", "broker-config"));
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "worker"));
        Assert.Empty(History("broker"));

        _cluster.Server.Faults.Clear();
        var again = _cluster.Run("apply", "--env", "production");

        Assert.True(again.ExitCode == 0, again.Error);
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
        Assert.Equal(0, _cluster.Run("diff", "--env", "production").ExitCode);
        Assert.Single(History("worker"));
    }

    [Fact]
    public void An_apply_that_died_holding_its_lock_is_taken_over_once_the_lease_expires()
    {
        // The first apply is cut off and cannot even release its lock (as if the process were killed).
        _cluster.Server.Faults.FailNext(100, RealApply with { Path = "/apis/apps/v1/namespaces/shop/statefulsets/*" });
        _cluster.Server.Faults.FailNext(100, RequestMatch.For("DELETE", "/apis/coordination.k8s.io/v1/namespaces/shop/leases/*"));
        Assert.Equal(1, _cluster.RunAs("alice@laptop pid 7", "apply", "--env", "production").ExitCode);
        _cluster.Server.Faults.Clear();

        var blocked = _cluster.Run("apply", "--env", "production");
        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("alice@laptop pid 7", blocked.Error, StringComparison.Ordinal);

        _cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        var run = _cluster.Run("apply", "--env", "production");

        Assert.True(run.ExitCode == 0, run.Error);
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public void An_unreachable_cluster_fails_with_the_address()
    {
        var kubeconfig = Path.Combine(Path.GetDirectoryName(_cluster.Kubeconfig)!, "closed.kubeconfig");
        File.WriteAllText(kubeconfig, File.ReadAllText(_cluster.Kubeconfig).Replace(_cluster.Server.BaseAddress.GetLeftPart(UriPartial.Authority), "http://127.0.0.1:9", StringComparison.Ordinal));

        var apply = _cluster.Run("apply", "--env", "production", "--kubeconfig", kubeconfig);
        var diff = _cluster.Run("diff", "--env", "production", "--kubeconfig", kubeconfig);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("cannot reach the API server at http://127.0.0.1:9", apply.Error, StringComparison.Ordinal);
        Assert.Equal(2, diff.ExitCode);
    }

    private IReadOnlyList<string> History(string stack) =>
        [.. _cluster.Run("history", "--env", "production", "--stack", stack).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
}
