using System.Text;
using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>Whatever an environment file's text, the outcome is a render or located errors (issue 11, section 3).</summary>
public sealed class YamlInputTests : IDisposable
{
    private const string Head = ScratchRepository.DevTarget + "stacks:\n  rabbitmq:\n";

    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private CliRun RenderDev(string text, params string[] extra)
    {
        _repository.With("dev.yaml", text);
        return CliRun.In(_repository.Root, ["render", "--env", "dev", .. extra]);
    }

    private CliRun RenderDevBytes(byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(_repository.Root, "environments", "dev.yaml"), bytes);
        return CliRun.In(_repository.Root, "render", "--env", "dev");
    }

    [Theory]
    [InlineData("    replicas: [1\n    storage:\n      size: 10Gi\n", "'[' is never closed")]
    [InlineData("    replicas: {a: 1\n    storage:\n      size: 10Gi\n", "'{' is never closed")]
    [InlineData("    replicas: [a\n    vhost: x\n", "'[' is never closed")]
    public void An_unclosed_flow_collection_is_located_where_it_opens(string stack, string expected)
    {
        var run = RenderDev(Head + stack);

        BadInput.AssertOneError(run, $"environments/dev.yaml:7:15: error: invalid YAML: {expected}");
    }

    [Fact]
    public void Deep_flow_nesting_is_a_located_error()
    {
        var run = RenderDev(Head + "    replicas: " + new string('[', 20_000) + "\n");

        var line = BadInput.AssertOneError(run, "environments/dev.yaml:7:");
        Assert.Contains("nesting too deep: more than 64 levels", line);
    }

    [Fact]
    public void Deep_block_nesting_is_a_located_error()
    {
        var run = RenderDev(Head + "    replicas:\n      " + string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n");

        BadInput.AssertOneErrorMatching(run, @"^environments/dev\.yaml:8:\d+: error: nesting too deep: more than 64 levels");
    }

    [Fact]
    public void Deep_nesting_in_a_set_value_is_a_located_error()
    {
        var run = RenderDev(Head + "    replicas: 1\n", "--set", "rabbitmq.replicas=" + new string('[', 40_000));

        BadInput.AssertOneErrorMatching(run, @"^--set rabbitmq\.replicas=\[+\.\.\. \(40018 characters\): error: nesting too deep");
    }

    [Fact]
    public void A_set_path_of_many_keys_is_a_located_error()
    {
        var run = RenderDev(Head + "    replicas: 1\n", "--set", "rabbitmq." + string.Concat(Enumerable.Repeat("a.", 50_000)) + "x=1");

        BadInput.AssertOneErrorMatching(run, @"^--set rabbitmq\.a\.a.*: error: nesting too deep: a path of 50001 keys");
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        // 64 levels: the document, stacks and rabbitmq mappings, then 61 lists; the binder then refuses the type.
        var run = RenderDev(Head + "    replicas: " + new string('[', 61) + new string(']', 61) + "\n");

        BadInput.AssertOneError(run, "environments/dev.yaml:7:15: error: rabbitmq.replicas: expected an integer, got a list");
    }

    [Fact]
    public void One_level_beyond_the_limit_is_an_error()
    {
        var run = RenderDev(Head + "    replicas: " + new string('[', 62) + new string(']', 62) + "\n");

        BadInput.AssertOneError(run, "environments/dev.yaml:7:76: error: nesting too deep: more than 64 levels");
    }

    [Fact]
    public void An_invalid_utf8_byte_is_located_at_its_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes(Head + "    storage:\n      storageClass: stand").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("ard\n")).ToArray();

        var run = RenderDevBytes(bytes);

        BadInput.AssertOneError(run, "environments/dev.yaml:8:26: error: invalid UTF-8 (byte 0xFF)");
    }

    [Fact]
    public void A_latin1_character_is_not_replaced_silently()
    {
        // "é" as Latin-1 (one byte 0xE9) is not UTF-8; decoding it leniently would render U+FFFD.
        var bytes = Encoding.UTF8.GetBytes(Head + "    vhost: caf").Append((byte)0xE9).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();

        var run = RenderDevBytes(bytes);

        BadInput.AssertOneError(run, "environments/dev.yaml:7:15: error: invalid UTF-8 (byte 0xE9)");
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        var run = RenderDevBytes([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Head + "    replicas: 1\n")]);

        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void A_tab_used_as_indentation_is_located_at_its_line(int line)
    {
        var lines = (Head + "    replicas: 1\n    storage:\n      size: 10Gi\n").Split('\n');
        lines[line - 1] = "\t" + lines[line - 1][2..];

        var run = RenderDev(string.Join('\n', lines));

        BadInput.AssertOneError(run, $"environments/dev.yaml:{line}:1: error: invalid YAML: a tab in the indentation");
    }

    [Fact]
    public void A_lone_surrogate_escape_is_an_error()
    {
        var run = RenderDev(Head + "    vhost: \"\\ud800\"\n");

        BadInput.AssertOneError(run, "environments/dev.yaml:7:12: error: invalid YAML:");
    }

    [Fact]
    public void Aliases_that_expand_without_bound_are_an_error()
    {
        var bomb = new StringBuilder("x0: &a0 [v, v, v, v, v, v, v, v, v, v]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var run = RenderDev(bomb.ToString());

        BadInput.AssertOneErrorMatching(run, @"^environments/dev\.yaml:\d+:\d+: error: too many values: more than 1000000 with aliases expanded");
    }
}
