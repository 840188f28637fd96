using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>The Lease per (environment, stack): a second apply fails fast naming the holder; a stale lease is taken over.</summary>
public sealed class LockTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void A_second_apply_fails_fast_naming_the_holder_and_since_when()
    {
        _cluster.SeedLease("broker", "alice@laptop pid 7", TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10));

        var run = _cluster.Run("apply", "--env", "production", "--stack", "broker");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("held by alice@laptop pid 7 since 2025-06-01 11:57:00Z", run.Error, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
    }

    [Fact]
    public void An_expired_lease_is_taken_over_and_released_after_the_apply()
    {
        _cluster.SeedLease("broker", "alice@laptop pid 7", TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(61));

        var run = _cluster.Run("apply", "--env", "production", "--stack", "broker");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(_cluster.Server.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/leases/stackgen-lock-broker", StringComparison.Ordinal));
        Assert.Null(_cluster.Live("coordination.k8s.io/v1", "Lease", "stackgen-lock-broker"));
    }

    [Fact]
    public async Task Two_applies_at_once_one_waits_for_nobody_and_the_other_fails_fast()
    {
        // Hold the first apply in the middle of writing: its StatefulSet apply answers after a second.
        _cluster.Server.Faults.DelayNext(TimeSpan.FromSeconds(1), 1, new RequestMatch { Method = "PATCH", Path = "/apis/apps/v1/namespaces/shop/statefulsets/broker", Where = r => r.QueryValue("dryRun") is null });
        var first = Task.Run(() => _cluster.RunAs("alice@laptop pid 7", "apply", "--env", "production", "--stack", "broker"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_cluster.Live("coordination.k8s.io/v1", "Lease", "stackgen-lock-broker") is null && DateTime.UtcNow < deadline && !first.IsCompleted)
        {
            await Task.Delay(10);
        }

        var second = _cluster.RunAs("bob@desk pid 9", "apply", "--env", "production", "--stack", "broker");
        var done = await first;

        Assert.True(done.ExitCode == 0, done.Error);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("held by alice@laptop pid 7 since", second.Error, StringComparison.Ordinal);
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production", stacks: ["broker"]));
    }
}
