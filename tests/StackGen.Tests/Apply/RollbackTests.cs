using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Apply;

/// <summary>history lists a stack's revisions; rollback re-applies one, with pruning and waits, as a new revision.</summary>
public sealed class RollbackTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private void Apply(params string[] args)
    {
        var run = _cluster.Run(["apply", "--env", "production", .. args]);
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
    }

    private string[] History(string stack) =>
        _cluster.Run("history", "--env", "production", "--stack", stack).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string? Replicas() => _cluster.Live("apps/v1", "StatefulSet", "broker")!["spec"]!["replicas"]?.ToJsonString();

    [Fact]
    public void Rollback_goes_back_to_the_previous_revision_and_records_itself()
    {
        Apply();
        Apply("--set", "broker.replicas=5");

        var run = _cluster.Run("rollback", "--env", "production", "--stack", "broker");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("3", Replicas());

        // A rollback restores one stack: the stacks that reference it keep what they were last applied with.
        _cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production", stacks: ["broker"]));
        var history = History("broker");
        Assert.Equal(4, history.Length);
        Assert.StartsWith("REVISION  WHEN", history[0], StringComparison.Ordinal);
        Assert.Matches(@"^1 +2025-06-01 12:00:\d\dZ +tester@ci pid 1 +[0-9a-f]{12} +5 +apply$", history[1]);
        Assert.EndsWith("rollback to 1", history[3], StringComparison.Ordinal);
        Assert.Equal(0, _cluster.Run("diff", "--env", "production", "--stack", "broker").ExitCode);

        Assert.Equal(0, _cluster.Run("rollback", "--env", "production", "--stack", "broker", "--to", "2").ExitCode);
        Assert.Equal("5", Replicas());
    }

    [Fact]
    public void Rollback_prunes_what_the_revision_did_not_have_and_restores_what_it_had()
    {
        Apply();
        Apply("--set", "worker.scheduler.enabled=false");
        Assert.Null(_cluster.Live("apps/v1", "Deployment", "worker-scheduler"));

        var run = _cluster.Run("rollback", "--env", "production", "--stack", "worker");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.NotNull(_cluster.Live("apps/v1", "Deployment", "worker-scheduler"));
        Assert.Equal(0, _cluster.Run("diff", "--env", "production").ExitCode);
    }

    [Fact]
    public void History_keeps_the_last_ten_revisions()
    {
        // Worker replicas: any count lints clean (an even broker cluster would not, SG2009).
        for (var revision = 1; revision <= 12; revision++)
        {
            Apply("--stack", "worker", "--wait=false", "--set", $"worker.replicas={revision}");
        }

        var numbers = History("worker").Skip(1).Select(line => int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Enumerable.Range(3, 10), numbers);
    }

    [Fact]
    public void Rollback_without_an_earlier_revision_is_bad_input()
    {
        Apply("--stack", "broker");

        var run = _cluster.Run("rollback", "--env", "production", "--stack", "broker");
        var missing = _cluster.Run("rollback", "--env", "production", "--stack", "broker", "--to", "7");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--to: error: stack broker has only revision 1; nothing earlier to roll back to\n", run.Error);
        Assert.Equal("--to 7: error: no revision 7 of stack broker (kept: 1)\n", missing.Error);
    }

    [Fact]
    public void An_unknown_stack_is_bad_input_with_a_suggestion()
    {
        var run = _cluster.Run("history", "--env", "production", "--stack", "brokr");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--stack brokr: error: unknown stack 'brokr'; did you mean 'broker'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_is_owned_by_the_sets_parent()
    {
        Apply("--stack", "broker");

        var history = _cluster.Live("v1", "Secret", "stackgen-broker-history")!;
        var parent = _cluster.Live("v1", "Secret", "stackgen-broker")!;

        var owner = Assert.Single(history["metadata"]!["ownerReferences"]!.AsArray())!;
        Assert.Equal((string?)parent["metadata"]!["uid"], (string?)owner["uid"]);
        Assert.Null(history["metadata"]!["labels"]!["applyset.kubernetes.io/part-of"]);
    }
}
