using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>Bad input: one located line per problem on stderr, exit code 2, nothing on stdout, nothing written.</summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private CliRun RenderDev(string stacks, params string[] extra)
    {
        _repository.With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n" + stacks);
        return CliRun.In(_repository.Root, ["render", "--env", "dev", "--output", "out", .. extra]);
    }

    private void AssertOneError(CliRun run, string expectedStart)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(expectedStart, line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "out")), "nothing may be written on bad input");
    }

    /// <summary>Found by the property tests: a target without kubernetesVersion (and no tier) was an internal error in lint.</summary>
    [Fact]
    public void A_target_without_its_kubernetes_version_is_a_located_error()
    {
        _repository.With("dev.yaml", "target:\n  context: dev\n  namespace: shop-dev\nstacks:\n  rabbitmq:\n");

        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--output", "out");

        AssertOneError(run, "environments/dev.yaml:2:3: error: target: missing required setting 'kubernetesVersion'");
    }

    [Fact]
    public void An_unknown_setting_with_no_value_in_the_only_layer_is_an_error()
    {
        var run = RenderDev("  rabbitmq:\n    storagex:\n");

        AssertOneError(run, "environments/dev.yaml:7:5: error: rabbitmq.storagex: unknown setting; did you mean 'storage'?");
    }

    /// <summary>The merge drops resets (null values); the layer as written is still checked, so a misspelt key with no value is found.</summary>
    [Fact]
    public void An_unknown_setting_with_no_value_in_a_team_layer_is_an_error()
    {
        _repository.With("dev/platform.yaml", "stacks:\n  rabbitmq:\n    storagex:\n");

        var run = RenderDev("  rabbitmq:\n    replicas: 1\n");

        AssertOneError(run, "environments/dev/platform.yaml:3:5: error: rabbitmq.storagex: unknown setting; did you mean 'storage'?");
    }

    [Fact]
    public void Unknown_setting_suggests_the_near_miss()
    {
        var run = RenderDev("  rabbitmq:\n    replica: 3\n");

        AssertOneError(run, "environments/dev.yaml:7:5: error: rabbitmq.replica: unknown setting; did you mean 'replicas'?");
    }

    [Fact]
    public void Wrong_type_names_what_was_expected()
    {
        var run = RenderDev("  rabbitmq:\n    replicas: three\n");

        AssertOneError(run, "environments/dev.yaml:7:15: error: rabbitmq.replicas: expected an integer, got 'three'");
    }

    [Fact]
    public void Bad_quantity_is_rejected_with_examples()
    {
        var run = RenderDev("  rabbitmq:\n    storage:\n      size: 10Gb\n");

        AssertOneError(run, "environments/dev.yaml:8:13: error: rabbitmq.storage.size: expected a Kubernetes quantity such as 10Gi");
    }

    [Fact]
    public void Negative_replica_count_is_rejected()
    {
        var run = RenderDev("  rabbitmq:\n    replicas: -1\n");

        AssertOneError(run, "environments/dev.yaml:7:15: error: rabbitmq.replicas: expected an integer from 1 to 15, got '-1'");
    }

    [Fact]
    public void Unknown_environment_suggests_the_near_miss()
    {
        _repository.With("production.yaml", ScratchRepository.DevTarget + "stacks:\n  rabbitmq: {}\n");

        var run = CliRun.In(_repository.Root, "render", "--env", "prod", "--output", "out");

        AssertOneError(run, "--env prod: error: unknown environment 'prod'");
    }

    [Fact]
    public void Unknown_stack_in_an_environment_file_is_located()
    {
        var run = RenderDev("  rabbitmqq: {}\n");

        AssertOneError(run, "environments/dev.yaml:6:3: error: stacks.rabbitmqq: unknown stack 'rabbitmqq'; did you mean 'rabbitmq'?");
    }

    [Fact]
    public void Unknown_stack_in_a_set_argument_names_the_argument()
    {
        var run = RenderDev("  rabbitmq: {}\n", "--set", "rabbit.replicas=5");

        AssertOneError(run, "--set rabbit.replicas=5: error: unknown stack 'rabbit'; did you mean 'rabbitmq'?");
    }

    [Fact]
    public void Wrong_type_in_a_set_argument_names_the_argument()
    {
        var run = RenderDev("  rabbitmq: {}\n", "--set", "rabbitmq.replicas=many");

        AssertOneError(run, "--set rabbitmq.replicas=many: error: rabbitmq.replicas: expected an integer, got 'many'");
    }

    [Fact]
    public void Unknown_stack_flag_is_rejected()
    {
        var run = RenderDev("  rabbitmq: {}\n", "--stack", "rabbit");

        AssertOneError(run, "--stack rabbit: error: unknown stack 'rabbit'; did you mean 'rabbitmq'?");
    }

    [Fact]
    public void A_secret_cannot_be_given_as_a_literal()
    {
        var run = RenderDev("  rabbitmq:\n    erlangCookie: changeThis\n");

        AssertOneError(run, "environments/dev.yaml:7:19: error: rabbitmq.erlangCookie: expected a mapping with keys name, key, got 'changeThis'");
    }

    [Fact]
    public void Invalid_yaml_is_located()
    {
        var run = RenderDev("  rabbitmq:\n    replicas: [3\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^environments/dev\.yaml:\d+:\d+: error: invalid YAML: ", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var run = RenderDev("  rabbitmq:\n    replicas: 3\n    replicas: 5\n");

        AssertOneError(run, "environments/dev.yaml:8:5: error: duplicate key 'replicas' (first written at environments/dev.yaml:7:5)");
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var run = RenderDev("  rabbitmq:\n    replica: 3\n    storage:\n      size: 10Gb\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Count);
    }

    [Fact]
    public void Unknown_flag_exits_2_with_one_line()
    {
        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", Assert.Single(run.ErrorLines));
    }
}
