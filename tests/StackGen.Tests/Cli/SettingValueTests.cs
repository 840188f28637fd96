using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>Every setting value a user can write is bound and checked, in every layer; a bad one is a located error.</summary>
public sealed class SettingValueTests : IDisposable
{
    private const string Target = ScratchRepository.DevTarget;

    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private CliRun RenderDev(string stacks, params string[] extra)
    {
        _repository.With("dev.yaml", Target + "stacks:\n" + stacks);
        return CliRun.In(_repository.Root, ["render", "--env", "dev", .. extra]);
    }

    [Fact]
    public void An_empty_set_value_is_an_error()
    {
        var run = RenderDev("  rabbitmq: {}\n", "--set", "rabbitmq.replicas=");

        BadInput.AssertOneError(run, "--set rabbitmq.replicas=: error: rabbitmq.replicas: an empty value; expected a value, or null to reset the setting to its code default");
    }

    [Fact]
    public void A_null_set_value_resets_the_setting()
    {
        var run = CliRun.In(Repository.Root, "explain", "--env", "production", "rabbitmq.replicas", "--set", "rabbitmq.replicas=null");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("default in code", run.Out);
    }

    [Theory]
    [InlineData("namespace: shop-dev", "namespace:", "environments/dev.yaml:3:13: error: target.namespace: expected a string, got null")]
    [InlineData("namespace: shop-dev", "namespace: [a]", "environments/dev.yaml:3:14: error: target.namespace: expected a string, got a list")]
    [InlineData("namespace: shop-dev", "namespace: \"\"", "environments/dev.yaml:3:14: error: target.namespace: expected a DNS label")]
    [InlineData("kubernetesVersion: \"1.33\"", "kubernetesVersion:", "environments/dev.yaml:4:21: error: target.kubernetesVersion: expected a string, got null")]
    [InlineData("kubernetesVersion: \"1.33\"", "kubernetesVersion: {a: 1}", "environments/dev.yaml:4:22: error: target.kubernetesVersion: expected a string, got a mapping")]
    [InlineData("kubernetesVersion: \"1.33\"", "kubernetesVersion: \"\"", "environments/dev.yaml:4:22: error: target.kubernetesVersion: expected a Kubernetes minor version")]
    public void An_empty_or_structured_target_is_located(string line, string replacement, string expected)
    {
        _repository.With("dev.yaml", Target.Replace(line, replacement, StringComparison.Ordinal) + "stacks:\n  rabbitmq: {}\n");

        BadInput.AssertOneError(CliRun.In(_repository.Root, "render", "--env", "dev"), expected);
    }

    [Theory]
    [InlineData("workers.taskTimeLimit=300000000h", "workers.taskTimeLimit: '300000000h' is out of range")]
    [InlineData("rabbitmq.storage.size=99999999999e18", "rabbitmq.storage.size: '99999999999e18' is out of range")]
    public void A_value_too_large_for_its_type_is_a_range_error(string set, string expected)
    {
        var run = RenderDev("  rabbitmq: {}\n  workers: {}\n", "--set", set);

        BadInput.AssertOneError(run, $"--set {set}: error: {expected}");
    }

    [Theory]
    [InlineData("\"a/b\"", "'a/b' makes the object name 'workers-a/b', which is not a DNS label")]
    [InlineData("\"\"", "'' makes the object name 'workers-', which is not a DNS label")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890", "'a123456789012345678901234567890123456789012345678901234567890' makes the object name 'workers-a1")]
    [InlineData("\"default\\n\"", "a line feed (\\n) in the string \"default\\n\"")]
    public void A_queue_name_that_makes_a_bad_object_name_is_located_at_the_name(string name, string expected)
    {
        var run = RenderDev($"  rabbitmq: {{}}\n  workers:\n    queues:\n    - name: {name}\n");

        BadInput.AssertOneError(run, $"environments/dev.yaml:9:13: error: workers.queues[0].name: {expected}");
    }

    [Fact]
    public void Queues_whose_object_names_collide_are_located_at_the_second_name()
    {
        var run = RenderDev("  rabbitmq: {}\n  workers:\n    queues:\n    - name: mail_out\n    - name: mail.out\n");

        BadInput.AssertOneError(run, "environments/dev.yaml:10:13: error: workers.queues[1].name: 'mail.out' makes the object name 'workers-mail-out', as 'mail_out' (environments/dev.yaml:9:13) does");
    }

    [Theory]
    [InlineData("  rabbitmq:\n    vhost: \"shop\\e[2J\"\n", "environments/dev.yaml:7:12: error: rabbitmq.vhost: an ESC character in the string \"shop\\u001b[2J\"")]
    [InlineData("  rabbitmq:\n    nodeSelector: {\"disk\\r\": ssd}\n", "environments/dev.yaml:7:20: error: rabbitmq.nodeSelector: a carriage return (\\r) in the key 'disk\\r'")]
    public void Control_characters_in_a_string_setting_are_located(string stacks, string expected)
    {
        BadInput.AssertOneError(RenderDev(stacks), expected);
    }

    [Fact]
    public void A_value_a_later_layer_overrides_is_still_checked()
    {
        _repository
            .With("production.yaml", Target + "stacks:\n  rabbitmq:\n    storage:\n      size: 10Gb\n")
            .With("production/platform.yaml", "stacks:\n  rabbitmq:\n    storage:\n      size: 20Gi\n");

        var run = CliRun.In(_repository.Root, "render", "--env", "production");

        BadInput.AssertOneError(run, "environments/production.yaml:8:13: error: rabbitmq.storage.size: expected a Kubernetes quantity");
    }

    [Fact]
    public void A_value_a_set_argument_overrides_is_still_checked()
    {
        var run = RenderDev("  rabbitmq:\n    replicas: many\n", "--set", "rabbitmq.replicas=3");

        BadInput.AssertOneError(run, "environments/dev.yaml:7:15: error: rabbitmq.replicas: expected an integer, got 'many'");
    }

    [Fact]
    public void Error_lines_escape_line_breaks_and_escape_sequences_of_set_arguments()
    {
        var run = RenderDev("  rabbitmq: {}\n", "--set", "rabbitmq.replica\u001b[31m=3\nsecond line");

        BadInput.AssertOneError(run, "--set rabbitmq.replica\\u001b[31m=3\\nsecond line: error: ");
    }

    [Fact]
    public void Error_lines_escape_control_characters_of_keys()
    {
        var run = RenderDev("  rabbitmq:\n    \"replicas\\n\\e[31m\": 3\n");

        BadInput.AssertOneError(run, "environments/dev.yaml:7:5: error: rabbitmq.replicas\\n\\u001b[31m: unknown setting");
    }
}
