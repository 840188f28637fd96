using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

public sealed class ExplainCommandTests
{
    [Fact]
    public void Explain_shows_the_winning_layer_and_what_it_overrode()
    {
        var run = CliRun.In(Repository.Root, "explain", "--env", "production", "rabbitmq.storage.size");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("rabbitmq.storage.size = 50Gi  (environments/production/platform.yaml:6:13, overrides default in code)\n", run.Out);
    }

    [Fact]
    public void Explain_of_an_unknown_path_is_an_input_error()
    {
        var run = CliRun.In(Repository.Root, "explain", "--env", "production", "rabbitmq.replica");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("rabbitmq.replica: error: no setting matches", Assert.Single(run.ErrorLines));
    }
}
