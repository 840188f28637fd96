using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StackGen.Apply.Sets;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// web.migrations against the fake API server, on the shipped production environment (which enables it): the
/// content-named migration Job runs and completes before the web Deployment is written; a failing one stops the apply
/// with the Deployment untouched; a new image is a new Job, not an immutable-field error; old runs are pruned.
/// </summary>
public sealed partial class MigrationTests : IAsyncLifetime
{
    private const string Image = "registry.example.com/shop/app";
    private static readonly string[] Web = ["--stack", "web"];
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync(organisation: Renders.Shipped);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void Apply_runs_the_migration_and_waits_for_it_to_complete_before_it_patches_the_deployment()
    {
        _cluster.Server.Simulator.PollsUntilReady = 3;
        var job = MigrationJob();
        Assert.Matches(ContentName(), job);

        var run = _cluster.Apply(Web);

        var requests = _cluster.Server.Requests;
        var created = Index(requests, r => r.Method == "PATCH" && r.Path.EndsWith($"/jobs/{job}", StringComparison.Ordinal) && r.QueryValue("dryRun") is null);
        var deployment = Index(requests, r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/web", StringComparison.Ordinal) && r.QueryValue("dryRun") is null);
        var polls = requests.Skip(created).Take(deployment - created).Count(r => r.Method == "GET" && r.Path.EndsWith($"/jobs/{job}", StringComparison.Ordinal));
        Assert.True(created < deployment, run.Out);
        // The simulated Job controller reports Complete on the third GET: the Deployment came after it.
        Assert.True(polls >= 3, $"{polls} poll(s) of the Job before the Deployment was written\n{run.Out}");
        Assert.Equal("True", Condition(_cluster.Live("batch/v1", "Job", job)!, "Complete"));
        Assert.Contains($"job/{job}: created (pre-install hook of stack web)", run.Out, StringComparison.Ordinal);
        Assert.Contains("web: recorded revision 1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_migration_exits_1_with_its_events_and_log_and_leaves_the_deployment_unchanged()
    {
        _cluster.Apply(Web);
        var before = Spec("Deployment", "web");
        string[] upgrade = [.. Web, "--set", $"web.image={Image}:2025.07.1"];
        var job = MigrationJob(upgrade);
        _cluster.Server.Simulator.Fail("batch/v1", "Job", FakeCluster.Namespace, job, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        _cluster.Server.SetJobLog(FakeCluster.Namespace, job, string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}")) + "\nsqlalchemy.exc.OperationalError: relation \"orders\" already exists\n");
        _cluster.Server.ClearRequests();

        var run = _cluster.Run(["apply", "--env", "production", .. upgrade]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"job/{job}: failed: Failed: BackoffLimitExceeded: Job has reached the specified backoff limit", run.Error, StringComparison.Ordinal);
        Assert.Contains("  event Warning BackoffLimitExceeded: Job has reached the specified backoff limit", run.Error, StringComparison.Ordinal);
        Assert.Matches($@"  log of pod {job}-[a-z0-9]{{5}} \(last 20 lines\):\n    line 12\n", run.Error);
        Assert.DoesNotContain("    line 11\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("    sqlalchemy.exc.OperationalError: relation \"orders\" already exists\n", run.Error, StringComparison.Ordinal);
        Assert.Contains($"error: job/{job}: the pre-upgrade hook of stack web did not complete; the workloads of stack web and everything after them were not applied and no revision was recorded", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Spec("Deployment", "web"));
        Assert.DoesNotContain(_cluster.Writes(), r => r.Path.Contains("/deployments/", StringComparison.Ordinal));
        Assert.Equal(["1"], History());
    }

    [Fact]
    public void A_new_image_is_a_new_migration_job_and_no_immutable_field_error()
    {
        var first = MigrationJob();
        _cluster.Apply(Web);
        string[] upgrade = [.. Web, "--set", $"web.image={Image}:2025.07.1"];
        var second = MigrationJob(upgrade);

        var run = _cluster.Apply(upgrade);

        Assert.NotEqual(first, second);
        Assert.Matches(ContentName(), second);
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.StatusCode == 422);
        Assert.Equal($"{Image}:2025.07.1", (string?)_cluster.Live("batch/v1", "Job", second)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Contains($"job/{first}: kept, not pruned (an earlier run of web-migrate, kept for its logs: the last {EarlierRuns.Kept} runs are kept)", run.Out, StringComparison.Ordinal);

        // The same render again: the migration with this content ran; it is not run again and nothing is written.
        _cluster.Server.ClearRequests();
        var again = _cluster.Apply(upgrade);
        Assert.Empty(_cluster.Writes());
        Assert.DoesNotContain($"job/{second}", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollback_runs_no_migration_and_keeps_the_newer_run()
    {
        var first = MigrationJob();
        _cluster.Apply(Web);
        string[] upgrade = [.. Web, "--set", $"web.image={Image}:2025.07.1"];
        var second = MigrationJob(upgrade);
        _cluster.Apply(upgrade);
        _cluster.Server.ClearRequests();

        var run = _cluster.Run("rollback", "--env", "production", "--stack", "web");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.DoesNotContain(_cluster.Writes(), r => r.Path.Contains("/jobs/", StringComparison.Ordinal));
        Assert.NotNull(_cluster.Live("batch/v1", "Job", first));
        Assert.NotNull(_cluster.Live("batch/v1", "Job", second));
        Assert.Equal($"{Image}:2025.06.2", (string?)_cluster.Live("apps/v1", "Deployment", "web")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void Runs_beyond_the_last_three_are_pruned()
    {
        var jobs = new List<string>();
        foreach (var tag in new[] { "2025.06.2", "2025.07.1", "2025.07.2", "2025.08.1" })
        {
            string[] args = [.. Web, "--set", $"web.image={Image}:{tag}"];
            jobs.Add(MigrationJob(args));
            _cluster.Apply(args);
            _cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var live = _cluster.Server.All()
            .Where(o => (string?)o["kind"] == "Job" && (string?)o["metadata"]!["labels"]?[ApplySet.PartOfLabel] == FakeCluster.SetId("web"))
            .Select(o => (string)o["metadata"]!["name"]!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(jobs.Skip(1).Order(StringComparer.Ordinal), live);
    }

    [Fact]
    public void Dry_run_shows_the_migration_in_its_phase()
    {
        var job = MigrationJob();

        var run = _cluster.Run(["apply", "--env", "production", "--dry-run", .. Web]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        var migration = Array.IndexOf(lines, $"job/{job}: created (dry run; pre-install hook of stack web: runs and completes before the workloads)");
        Assert.True(migration > Array.IndexOf(lines, "service/web: created (dry run)"), run.Out);
        Assert.True(migration < Array.IndexOf(lines, "deployment/web: created (dry run)"), run.Out);
        Assert.Null(_cluster.Live("batch/v1", "Job", job));
    }

    /// <summary>The migration Job's name in the production render with <paramref name="args"/>' --set arguments.</summary>
    private static string MigrationJob(params string[] args)
    {
        var sets = args.Select((a, i) => (a, i)).Where(p => p.i > 0 && args[p.i - 1] == "--set").Select(p => p.a).ToArray();
        return Renders.Shipped.Render("production", sets, ["web"]).Objects.Single(o => o.Kind == "Job").Name;
    }

    private string Spec(string kind, string name) => _cluster.Live("apps/v1", kind, name)!["spec"]!.ToJsonString();

    private IReadOnlyList<string> History() =>
        [.. _cluster.Run("history", "--env", "production", "--stack", "web").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])];

    private static string? Condition(JsonObject live, string type) =>
        (string?)(live["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type)?["status"];

    private static int Index(IReadOnlyList<RecordedRequest> requests, Func<RecordedRequest, bool> match)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            if (match(requests[i]))
            {
                return i;
            }
        }

        Assert.Fail("no such request");
        return -1;
    }

    [GeneratedRegex("^web-migrate-[0-9a-f]{10}$")]
    private static partial Regex ContentName();
}
