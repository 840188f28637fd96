using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Apply;

/// <summary>After applying, apply waits until the set is healthy and, when it is not, says why.</summary>
public sealed class WaitTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void A_failed_rollout_fails_the_apply_with_the_reason_and_events_and_records_no_revision()
    {
        _cluster.Server.Simulator.Fail("apps/v1", "Deployment", FakeCluster.Namespace, "worker", "ProgressDeadlineExceeded", "ReplicaSet \"worker-5d4f\" has timed out progressing.");

        var run = _cluster.Run("apply", "--env", "production");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("deployment/worker: failed: Progressing: ProgressDeadlineExceeded: ReplicaSet \"worker-5d4f\" has timed out progressing.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  event Warning ProgressDeadlineExceeded", run.Error, StringComparison.Ordinal);
        Assert.Contains("no revision was recorded", run.Error, StringComparison.Ordinal);
        Assert.Equal("", _cluster.Run("history", "--env", "production", "--stack", "worker").Out);
    }

    [Fact]
    public void A_rollout_that_never_finishes_times_out_with_where_it_got()
    {
        _cluster.Server.Simulator.Stall("apps/v1", "StatefulSet", FakeCluster.Namespace, "broker");
        _cluster.Server.AddEvent("apps/v1", "StatefulSet", FakeCluster.Namespace, "broker", "FailedCreate", "pod broker-1: 0/3 nodes are available: insufficient memory");

        var run = _cluster.Run("apply", "--env", "production", "--timeout", "90s");

        Assert.Equal(1, run.ExitCode);
        // The fixture's production waits for the broker StatefulSet, the worker and scheduler Deployments, the backup
        // Deployment and its claim.
        Assert.Contains("waiting up to 90s for 5 object(s) to become ready", run.Out, StringComparison.Ordinal);
        Assert.Contains("statefulset/broker: not ready after 90s:", run.Error, StringComparison.Ordinal);
        Assert.Contains("  event Warning FailedCreate: pod broker-1: 0/3 nodes are available: insufficient memory", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment/worker: not ready", run.Error, StringComparison.Ordinal);

        // The set was applied; once the cluster recovers, the next apply finds nothing to write, waits and records.
        _cluster.Server.Simulator.Succeed("apps/v1", "StatefulSet", FakeCluster.Namespace, "broker");
        _cluster.Server.ClearRequests();
        var again = _cluster.Run("apply", "--env", "production");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.DoesNotContain(_cluster.Writes(), r => !r.Path.Contains("/secrets/stackgen-", StringComparison.Ordinal) && !r.Path.Contains("/leases", StringComparison.Ordinal));
        Assert.Contains("broker: recorded revision 1", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_printed_as_plain_lines_when_not_on_a_terminal()
    {
        _cluster.Server.Simulator.PollsUntilReady = 3;

        var run = _cluster.Run("apply", "--env", "production");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("statefulset/broker: 0/3 ready\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("statefulset/broker: ready (3/3 ready)\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_false_returns_after_applying()
    {
        _cluster.Server.Simulator.Stall("apps/v1", "StatefulSet", FakeCluster.Namespace, "broker");

        var run = _cluster.Run("apply", "--env", "production", "--wait=false");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("waiting", run.Out, StringComparison.Ordinal);
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }
}
