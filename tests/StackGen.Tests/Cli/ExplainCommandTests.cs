using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Cli;

public sealed class ExplainCommandTests
{
    [Fact]
    public void Explain_shows_the_winning_layer_and_what_it_overrode()
    {
        var run = FixtureOrganisation.Organisation.Cli("explain", "--env", "production", "broker.storage.size");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("broker.storage.size = 50Gi  (environments/production/platform.yaml:5:13, overrides default in code)\n", run.Out);
    }

    [Fact]
    public void Explain_lists_every_layer_a_value_overrode()
    {
        var run = FixtureOrganisation.Organisation.Cli("explain", "--env", "production", "worker.replicas", "--set", "worker.replicas=4");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("worker.replicas = 4  (--set worker.replicas=4, overrides environments/production/apps.yaml:4:15, overrides default in code)\n", run.Out);
    }

    [Fact]
    public void Explain_of_an_unknown_path_is_an_input_error()
    {
        var run = FixtureOrganisation.Organisation.Cli("explain", "--env", "production", "broker.replica");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("broker.replica: error: no setting matches", Assert.Single(run.ErrorLines));
    }
}
