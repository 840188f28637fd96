using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// render, diff and apply run one pipeline (load, render, lint, refuse): what lint refuses, each refuses the same way,
/// before anything is printed or the cluster is contacted; diff says that apply would refuse.
/// </summary>
public sealed class LintRefusalTests : IAsyncLifetime
{
    private const string SplitBrain = "broker.partitionHandling=ignore";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("render", "render refused: fix the lint errors above")]
    [InlineData("diff", "apply would refuse this render, so diff compared nothing: fix the lint errors above")]
    [InlineData("apply", "apply refused: fix the lint errors above")]
    public void A_lint_error_refuses_before_anything_is_printed_or_sent(string command, string refusal)
    {
        var run = command == "render"
            ? FixtureOrganisation.Organisation.Cli(command, "--env", "production", "--set", SplitBrain)
            : _cluster.Run(command, "--env", "production", "--set", SplitBrain);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(run.ErrorLines, l => l.Contains("error", StringComparison.Ordinal) && l.Contains("partition", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith(refusal, run.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Empty(_cluster.Server.Requests);
    }

    [Fact]
    public void Diff_help_says_it_lints_as_apply_does()
    {
        var run = CliRun.In(Repository.Root, "diff", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lint first, as apply does", run.Out, StringComparison.Ordinal);
        Assert.Contains("130 interrupted", run.Out, StringComparison.Ordinal);
    }
}
