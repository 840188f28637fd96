using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>A mistyped command line is one located line, with a did-you-mean as for settings.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_mistyped_command_suggests_the_near_miss()
    {
        var run = CliRun.In(_repository.Root, "rendr", "--env", "dev");

        BadInput.AssertOneError(run, "stackgen rendr: error: unknown command 'rendr'; did you mean 'render'?");
    }

    /// <summary>Found by the property tests: '@' started a response file, and the error that followed named no argument.</summary>
    [Fact]
    public void A_set_value_starting_with_an_at_sign_is_a_value_not_a_response_file()
    {
        _repository.With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n  rabbitmq:\n");

        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--set", "@d`zF',gIb1U{:", "--set", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Collection(
            run.ErrorLines,
            line => Assert.StartsWith("--set @d`zF',gIb1U{:: error: expected STACK.PATH=VALUE", line),
            line => Assert.StartsWith("--set : error: expected STACK.PATH=VALUE", line));
    }

    [Fact]
    public void A_mistyped_flag_suggests_the_near_miss()
    {
        var run = CliRun.In(_repository.Root, "render", "--evn", "dev");

        BadInput.AssertOneError(run, "--evn: error: unknown flag; did you mean '--env'? (see 'stackgen render --help')");
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_flag_and_the_type()
    {
        var run = CliRun.In(_repository.Root, "rollback", "--env", "dev", "--stack", "rabbitmq", "--to", "abc");

        var line = BadInput.AssertOneError(run, "--to abc: error: expected an integer, got 'abc'");
        Assert.DoesNotContain("System.", line);
    }

    [Fact]
    public void A_boolean_flag_with_a_value_that_is_not_one_names_the_flag()
    {
        var run = CliRun.In(_repository.Root, "apply", "--env", "dev", "--prune=maybe");

        BadInput.AssertOneError(run, "--prune maybe: error: expected true or false, got 'maybe'");
    }

    [Fact]
    public void A_missing_required_flag_is_one_line()
    {
        // Not render: --all-envs stands in for its --env (RenderCheckTests).
        var run = CliRun.In(_repository.Root, "diff");

        BadInput.AssertOneError(run, "stackgen diff: error: option '--env' is required");
    }

    [Fact]
    public void A_stray_argument_is_one_line()
    {
        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "extra");

        BadInput.AssertOneError(run, "extra: error: unexpected argument");
    }
}
