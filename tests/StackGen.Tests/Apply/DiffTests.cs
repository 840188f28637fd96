namespace StackGen.Tests.Apply;

/// <summary>`stackgen diff` exit codes and output: 0 no change, 1 changes, 2 and above errors.</summary>
public sealed class DiffTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void Before_the_first_apply_every_object_is_new()
    {
        var diff = _cluster.Run("diff", "--env", "production", "--stack", "broker");

        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("--- /dev/null\n+++ applied/apps.v1.StatefulSet.shop.broker\n@@ -0,0 +1,", diff.Out, StringComparison.Ordinal);
        Assert.Contains("+kind: StatefulSet\n", diff.Out, StringComparison.Ordinal);
        Assert.Empty(_cluster.Writes());
    }

    [Fact]
    public void A_changed_object_shows_only_its_change_without_server_noise()
    {
        Assert.Equal(0, _cluster.Run("apply", "--env", "production").ExitCode);

        var diff = _cluster.Run("diff", "--env", "production", "--set", "broker.partitionHandling=autoheal", "--stack", "broker");

        Assert.Equal(1, diff.ExitCode);
        Assert.DoesNotContain("managedFields", diff.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceVersion", diff.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", diff.Out, StringComparison.Ordinal);
        Assert.StartsWith("--- live/v1.ConfigMap.shop.broker-config\n+++ applied/v1.ConfigMap.shop.broker-config\n", diff.Out, StringComparison.Ordinal);
        Assert.Contains("-    cluster_partition_handling = pause_minority\n+    cluster_partition_handling = autoheal\n", diff.Out, StringComparison.Ordinal);
        Assert.Contains("+++ applied/apps.v1.StatefulSet.shop.broker\n", diff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_exit_2()
    {
        var run = _cluster.Run("diff", "--env", "prod");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--env prod: error: unknown environment 'prod'", run.Error, StringComparison.Ordinal);
    }
}
