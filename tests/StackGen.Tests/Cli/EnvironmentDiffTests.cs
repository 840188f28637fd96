using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>diff --env E --against A: the repository's environments compared render to render, with no cluster.</summary>
public sealed class EnvironmentDiffTests
{
    private static CliRun Diff(params string[] args) => CliRun.In(Repository.Root, ["diff", .. args]);

    [Fact]
    public void Staging_against_production_prints_a_diff_per_object_and_exits_1()
    {
        var run = Diff("--env", "staging", "--against", "production");

        Assert.Equal(1, run.ExitCode);

        // One object per diff, matched by stack, kind and name; the namespace change is inside it.
        Assert.Contains("--- production/rabbitmq/StatefulSet/rabbitmq\n+++ staging/rabbitmq/StatefulSet/rabbitmq\n@@ ", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n-  namespace: shop\n+  namespace: shop-staging\n", run.Out, StringComparison.Ordinal);

        // Production renders a HorizontalPodAutoscaler staging does not: the whole object is the diff.
        Assert.Contains("--- production/web/HorizontalPodAutoscaler/web\n+++ /dev/null\n@@ -1,", run.Out, StringComparison.Ordinal);
        var headers = run.Out.Split('\n').Where(l => l.StartsWith("--- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(headers.Count, headers.Distinct().Count());
        Assert.Equal($"{headers.Count} objects differ between production and staging", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void An_environment_against_itself_exits_0_with_no_diff()
    {
        var run = Diff("--env", "production", "--against", "production");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Equal("production and production render the same objects", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void The_same_set_applies_to_both_renders()
    {
        Assert.Equal(0, Diff("--env", "staging", "--against", "staging", "--set", "rabbitmq.replicas=5").ExitCode);
    }

    [Theory]
    [InlineData("--against production --context: error: --context is for a diff against the cluster; --against compares two renders and reads no cluster, so drop one of them", "--context", "prod")]
    [InlineData("--against production --force-conflicts: error: --force-conflicts is for a diff against the cluster; --against compares two renders and reads no cluster, so drop one of them", "--force-conflicts")]
    [InlineData("--against prod: error: unknown environment 'prod'; did you mean 'production'? (environments: dev, production, staging)", "--against", "prod")]
    public void Cluster_flags_or_an_unknown_environment_with_against_are_a_usage_error(string expected, params string[] extra)
    {
        string[] args = extra[0] == "--against" ? ["--env", "staging", .. extra] : ["--env", "staging", "--against", "production", .. extra];

        var run = Diff(args);

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
    }
}
