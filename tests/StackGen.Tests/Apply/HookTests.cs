using StackGen.Objects;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Fixtures.Stacks;

namespace StackGen.Tests.Apply;

/// <summary>
/// Helm hooks as a chart renders them (the <see cref="Hooked"/> fixture: annotations written by hand, a fixed-name Job)
/// against the fake API server: install and upgrade events, phases around the workloads, delete policies, and a test
/// hook that is never applied.
/// </summary>
public sealed class HookTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync(organisation: HookOrganisation.Organisation);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void A_pre_install_hook_runs_and_completes_before_the_workloads_and_a_post_install_hook_after_them()
    {
        var run = _cluster.Apply();

        var writes = _cluster.Writes();
        int At(string path) => writes.ToList().FindIndex(r => r.Method == "PATCH" && r.Path.EndsWith(path, StringComparison.Ordinal));
        Assert.True(At("/configmaps/hooked") < At($"/jobs/{Hooked.SetupJob}"), run.Out);
        Assert.True(At($"/jobs/{Hooked.SetupJob}") < At("/deployments/hooked"), run.Out);
        Assert.True(At("/deployments/hooked") < At($"/jobs/{Hooked.CheckJob}"), run.Out);
        var lines = run.Out.Split('\n');
        Assert.True(
            Array.IndexOf(lines, $"job/{Hooked.SetupJob}: ready (complete)") < Array.IndexOf(lines, "deployment/hooked: created"),
            run.Out);
        Assert.Contains($"job/{Hooked.SetupJob}: created (pre-install hook of stack hooked)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"job/{Hooked.CheckJob}: created (post-install hook of stack hooked)", run.Out, StringComparison.Ordinal);

        // hook-succeeded: gone once complete. The default policy (before-hook-creation) keeps the setup Job.
        Assert.Contains($"job/{Hooked.CheckJob}: deleted (hook-succeeded)", run.Out, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("batch/v1", "Job", Hooked.CheckJob));
        Assert.NotNull(_cluster.Live("batch/v1", "Job", Hooked.SetupJob));

        // helm.sh/hook: test is not an event StackGen runs: the Pod is never sent, not even dry-run.
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.Path.EndsWith($"/pods/{Hooked.TestPod}", StringComparison.Ordinal));
        Assert.Contains("hooked: recorded revision 1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upgrade_does_not_run_a_pre_install_hook_nor_prune_it()
    {
        _cluster.Apply();
        _cluster.Server.ClearRequests();

        var run = _cluster.Apply("--set", "hooked.image=registry.example.com/hooked:1.1.0");

        Assert.DoesNotContain(_cluster.Writes(), r => r.Path.EndsWith($"/jobs/{Hooked.SetupJob}", StringComparison.Ordinal));
        Assert.NotNull(_cluster.Live("batch/v1", "Job", Hooked.SetupJob));
        Assert.Contains($"job/{Hooked.CheckJob}: created (post-upgrade hook of stack hooked)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pruned", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pre_upgrade_hook_runs_on_upgrades_only_and_a_changed_one_is_replaced_under_its_fixed_name()
    {
        var install = _cluster.Apply();
        Assert.DoesNotContain(Hooked.PrepareJob, install.Out, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("batch/v1", "Job", Hooked.PrepareJob));

        var upgrade = _cluster.Apply("--set", "hooked.image=registry.example.com/hooked:1.1.0");
        Assert.Contains($"job/{Hooked.PrepareJob}: created (pre-upgrade hook of stack hooked)", upgrade.Out, StringComparison.Ordinal);

        // New tools: the Job's template changes under the same name, which the server refuses to patch (immutable).
        _cluster.Server.ClearRequests();
        var changed = _cluster.Apply("--set", "hooked.image=registry.example.com/hooked:1.1.0", "--set", "hooked.toolsImage=registry.example.com/hooked-tools:1.1.0");

        Assert.Contains($"job/{Hooked.PrepareJob}: deleted (before-hook-creation: replaced by this run)\njob/{Hooked.PrepareJob}: created (pre-upgrade hook of stack hooked)", changed.Out, StringComparison.Ordinal);
        Assert.Equal("registry.example.com/hooked-tools:1.1.0", (string?)_cluster.Live("batch/v1", "Job", Hooked.PrepareJob)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.DoesNotContain(_cluster.Writes(), r => r.StatusCode == 422);
    }

    [Fact]
    public void A_hook_failed_policy_deletes_the_failed_job_once_its_failure_is_reported()
    {
        _cluster.Server.Simulator.Fail("batch/v1", "Job", FakeCluster.Namespace, Hooked.SetupJob, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        _cluster.Server.SetJobLog(FakeCluster.Namespace, Hooked.SetupJob, "setting up\npermission denied\n");

        var run = _cluster.Run("apply", "--env", "production", "--set", "hooked.setupDeletePolicy=hook-failed");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("    permission denied\n", run.Error, StringComparison.Ordinal);
        Assert.Contains($"job/{Hooked.SetupJob}: deleted (hook-failed)", run.Out, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("batch/v1", "Job", Hooked.SetupJob));
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "hooked"));
    }

    [Fact]
    public void A_hook_that_does_not_complete_in_time_stops_the_apply_whatever_wait_says()
    {
        _cluster.Server.Simulator.Stall("batch/v1", "Job", FakeCluster.Namespace, Hooked.SetupJob);

        var run = _cluster.Run("apply", "--env", "production", "--timeout", "90s", "--wait=false");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"job/{Hooked.SetupJob}: not ready after 90s: 0/1 succeeded", run.Error, StringComparison.Ordinal);
        Assert.Contains($"error: job/{Hooked.SetupJob}: the pre-install hook of stack hooked did not complete;", run.Error, StringComparison.Ordinal);
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "hooked"));
    }

    [Fact]
    public void An_install_whose_hook_failed_runs_it_again_replacing_the_failed_run()
    {
        _cluster.Server.Simulator.Fail("batch/v1", "Job", FakeCluster.Namespace, Hooked.SetupJob, "DeadlineExceeded", "Job was active longer than specified deadline");
        var failed = _cluster.Run("apply", "--env", "production");
        Assert.Equal(1, failed.ExitCode);
        Assert.Matches($@"  log of pod {Hooked.SetupJob}-[a-z0-9]{{5}}: empty\n", failed.Error);
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "hooked"));

        // No revision yet, so the retry is still an install: the pre-install hook runs again, its failed run replaced.
        _cluster.Server.Simulator.Succeed("batch/v1", "Job", FakeCluster.Namespace, Hooked.SetupJob);
        var again = _cluster.Apply();
        Assert.True(again.Out.Contains($"job/{Hooked.SetupJob}: deleted (before-hook-creation: replaced by this run)\njob/{Hooked.SetupJob}: created (pre-install hook of stack hooked)", StringComparison.Ordinal), again.Out);
        Assert.NotNull(_cluster.Live("apps/v1", "Deployment", "hooked"));
    }
}
