using StackGen.Cli;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// Ctrl+C or SIGTERM during apply: System.CommandLine cancels the command's token; apply stops where it is, releases
/// its locks at once and exits 130 with one line. The signal itself is System.CommandLine's (ProcessTerminationTimeout);
/// these tests cancel the same token in-process, at the moment a signal would.
/// </summary>
public sealed class InterruptTests : IAsyncLifetime
{
    private const string LeaseVersion = "coordination.k8s.io/v1";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Interrupting_the_wait_releases_the_leases_at_once_and_exits_130_with_one_line()
    {
        _cluster.Server.Simulator.Stall("apps/v1", "Deployment", FakeCluster.Namespace, "worker");
        var leasesWhenInterrupted = new List<string>();

        var run = await RunInterruptedAsync(
            (output, _) => output.Contains("waiting up to", StringComparison.Ordinal),
            () => leasesWhenInterrupted.AddRange(Leases()),
            "apply", "--env", "production");

        Assert.Equal((int)ExitCode.Interrupted, run.ExitCode);
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("stackgen-lock-worker", leasesWhenInterrupted);
        var line = Assert.Single(run.ErrorLines, l => l.Contains("interrupted", StringComparison.Ordinal));
        const string Prefix = "apply interrupted: leases ", Suffix = " released; the cluster has what was applied so far, re-run apply to converge";
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.EndsWith(Suffix, line, StringComparison.Ordinal);
        Assert.Equal(leasesWhenInterrupted, line[Prefix.Length..^Suffix.Length].Split(", ").Order(StringComparer.Ordinal));
        Assert.Equal(line, run.ErrorLines[^1]);
        Assert.Empty(Leases());
        foreach (var lease in leasesWhenInterrupted)
        {
            Assert.Contains(_cluster.Server.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/leases/" + lease, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("recorded revision", run.Out, StringComparison.Ordinal);

        // Nothing waits for a lock to expire: the next apply, at the same instant, takes them and converges.
        _cluster.Server.Simulator.Succeed("apps/v1", "Deployment", FakeCluster.Namespace, "worker");
        var again = _cluster.Run("apply", "--env", "production");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("worker: recorded revision 1", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupting_a_wait_that_holds_no_lock_says_nothing_was_applied()
    {
        // Everything is applied and recorded; the next apply writes nothing and only waits, holding no lock.
        Assert.Equal(0, _cluster.Run("apply", "--env", "production").ExitCode);
        _cluster.Server.Simulator.Stall("apps/v1", "Deployment", FakeCluster.Namespace, "worker");

        var run = await RunInterruptedAsync((output, _) => output.Contains("waiting up to", StringComparison.Ordinal), () => { }, "apply", "--env", "production");

        Assert.Equal((int)ExitCode.Interrupted, run.ExitCode);
        Assert.Equal("apply interrupted before anything was applied", run.ErrorLines[^1]);
        Assert.Empty(Leases());
    }

    [Fact]
    public async Task Interrupting_a_rollback_releases_its_lease_and_names_rollback()
    {
        Assert.Equal(0, _cluster.Run("apply", "--env", "production").ExitCode);
        Assert.Equal(0, _cluster.Run("apply", "--env", "production", "--set", "broker.replicas=5").ExitCode);
        _cluster.Server.Simulator.Stall("apps/v1", "StatefulSet", FakeCluster.Namespace, "broker");

        var run = await RunInterruptedAsync((output, _) => output.Contains("waiting up to", StringComparison.Ordinal), () => { }, "rollback", "--env", "production", "--stack", "broker");

        Assert.Equal((int)ExitCode.Interrupted, run.ExitCode);
        Assert.Equal("rollback interrupted: lease stackgen-lock-broker released; the cluster has what was applied so far, re-run rollback to converge", run.ErrorLines[^1]);
        Assert.Empty(Leases());
    }

    [Fact]
    public async Task Interrupting_a_delete_releases_its_lease_and_keeps_the_set_for_the_next_run()
    {
        Assert.Equal(0, _cluster.Run("apply", "--env", "production").ExitCode);
        // The first member's delete is throttled: the retry's backoff is where the signal finds delete.
        _cluster.Server.Faults.ThrottleNext(1, RequestMatch.For("DELETE", "/apis/apps/v1/namespaces/shop/deployments/backup"));

        var run = await RunInterruptedAsync((_, _) => true, () => { }, "delete", "--env", "production", "--stack", "backup");

        Assert.Equal((int)ExitCode.Interrupted, run.ExitCode);
        Assert.Equal("delete interrupted: lease stackgen-lock-backup released; the cluster has what was applied so far, re-run delete to converge", run.ErrorLines[^1]);
        Assert.Empty(Leases());
        Assert.NotNull(_cluster.Live("v1", "Secret", "stackgen-backup"));
        var again = _cluster.Run("delete", "--env", "production", "--stack", "backup");
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "backup"));
    }

    private string[] Leases() =>
        [.. _cluster.Server.All()
            .Where(o => (string?)o["kind"] == "Lease" && (string?)o["apiVersion"] == LeaseVersion)
            .Select(o => (string)o["metadata"]!["name"]!)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Runs stackgen against the cluster and cancels its token (as Ctrl+C does) at the first delay where
    /// <paramref name="when"/> holds of what was printed so far; <paramref name="atInterrupt"/> looks at the cluster then.
    /// </summary>
    private async Task<CliRun> RunInterruptedAsync(Func<string, TimeSpan, bool> when, Action atInterrupt, params string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var host = _cluster.Host() with
        {
            Delay = (delay, token) =>
            {
                if (!interrupt.IsCancellationRequested && when(stdout.ToString(), delay))
                {
                    atInterrupt();
                    interrupt.Cancel();
                }

                // A delay is where a signal finds apply: it ends only by cancellation once interrupted.
                if (interrupt.IsCancellationRequested)
                {
                    return Task.Delay(Timeout.Infinite, token);
                }

                _cluster.Clock.Advance(delay);
                return Task.CompletedTask;
            },
        };
        var cli = new CliContext(FixtureOrganisation.Catalog, stdout, stderr, FixtureOrganisation.Root, host);
        var exit = await StackGenCli.RunAsync([.. args, "--kubeconfig", _cluster.Kubeconfig], cli, signals: false, interrupt.Token);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
