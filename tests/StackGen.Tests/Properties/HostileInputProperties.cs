using System.Text;
using CsCheck;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Tests.Support;

namespace StackGen.Tests.Properties;

/// <summary>
/// Whatever the input — mutated environment files, arbitrary bytes, arbitrary --set arguments — the outcome is a
/// result or input errors that each name where they are, on one line: never another exception, never exit 3. Each
/// property runs the code the CLI runs, in-process; iteration counts keep the suite fast (CsCheck prints the seed of
/// a failure, to replay it with <c>seed:</c>).
/// </summary>
public sealed class HostileInputProperties : IDisposable
{
    private static readonly string[] EnvironmentFiles = ["production.yaml", "production/platform.yaml", "production/apps.yaml", "dev.yaml", "staging.yaml"];

    private static readonly IReadOnlyList<string> RealTexts =
        [.. EnvironmentFiles.Select(file => File.ReadAllText(Path.Combine(Repository.Root, "environments", file)))];

    private readonly ScratchRepository _repository = new();

    public HostileInputProperties()
    {
        foreach (var (file, text) in EnvironmentFiles.Zip(RealTexts))
        {
            _repository.With(file, text);
        }
    }

    public void Dispose() => _repository.Dispose();

    private static SourceLocation Locate(long line, long column) => SourceLocation.InFile("layer.yaml", line, column);

    /// <summary>Runs <paramref name="action"/>: success, or input errors each with a location and on one line.</summary>
    private static void SucceedsOrLocates(Action action)
    {
        try
        {
            action();
        }
        catch (InputException e)
        {
            Assert.NotEmpty(e.Errors);
            Assert.All(e.Errors, error =>
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Location.Text), $"an error without a location: {error}");
                Assert.DoesNotMatch("[\\r\\n\\u001b\\u0085\\u2028\\u2029]", error.ToString());
            });
        }
    }

    /// <summary>A CLI run ends in 0, 1 (lint) or 2 with nothing on stdout and only located lines on stderr.</summary>
    private static void AssertCleanOutcome(CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1 or 2, $"exit {run.ExitCode}: {run.Error}");
        if (run.ExitCode == 2)
        {
            Assert.Equal("", run.Out);
            Assert.NotEmpty(run.ErrorLines);
            Assert.All(run.ErrorLines, line => Assert.Matches(@"^[^\r\u001b]+: error: [^\r\u001b]+$", line));
        }
    }

    [Fact]
    public void The_layer_reader_reads_or_locates_any_bytes()
    {
        Gen.Byte.Array[0, 600].Sample(
            bytes => SucceedsOrLocates(() => YamlLayerReader.Read(LayerFile.Decode(bytes, "layer.yaml"), Locate)),
            iter: 2_000);
    }

    [Fact]
    public void The_layer_reader_reads_or_locates_any_edit_of_a_real_file()
    {
        YamlMutation.Of(RealTexts).Sample(
            text => SucceedsOrLocates(() => YamlLayerReader.Read(text, Locate)),
            iter: 2_000);
    }

    [Fact]
    public void Merge_and_bind_of_edited_layers_succeed_or_locate()
    {
        var catalog = Renders.Catalog;
        Gen.Select(YamlMutation.Of(RealTexts), YamlMutation.Of(RealTexts)).Sample(
            pair => SucceedsOrLocates(() =>
            {
                // Two layers: each stack's settings of the first, overridden by the second's, bound like the loader does.
                var under = YamlLayerReader.Read(pair.Item1, Locate) as MappingNode;
                var over = YamlLayerReader.Read(pair.Item2, Locate) as MappingNode;
                var errors = new ErrorList();
                foreach (var stack in catalog.Stacks)
                {
                    var node = (under?["stacks"] as MappingNode)?[stack.Name];
                    if ((over?["stacks"] as MappingNode)?[stack.Name] is { } overNode)
                    {
                        node = LayerMerge.Merge(node, overNode);
                    }

                    if (node is MappingNode mapping)
                    {
                        Binding.SettingsBinder.Bind(stack.SettingsType, mapping, stack.Name, errors);
                        Binding.SettingsBinder.Bind(stack.SettingsType, mapping, stack.Name, errors, partial: true);
                    }
                }

                errors.ThrowIfAny();
            }),
            iter: 1_000);
    }

    [Fact]
    public void Render_of_an_edited_environment_ends_cleanly()
    {
        Gen.Select(Gen.Int[0, EnvironmentFiles.Length - 3], YamlMutation.Of(RealTexts)).Sample(
            edit =>
            {
                // Encoded as an editor would save it: a surrogate the edit split becomes U+FFFD.
                _repository.WithBytes(EnvironmentFiles[edit.Item1], Encoding.UTF8.GetBytes(edit.Item2));
                try
                {
                    AssertCleanOutcome(CliRun.In(_repository.Root, "render", "--env", "production"));
                }
                finally
                {
                    _repository.With(EnvironmentFiles[edit.Item1], RealTexts[edit.Item1]);
                }
            },
            iter: 150,
            threads: 1);
    }

    [Fact]
    public void Render_with_arbitrary_set_arguments_ends_cleanly()
    {
        var deepPaths = Gen.Frequency((3, Gen.Int[1, 100]), (1, Gen.Int[100, 60_000])).Select(depth => "rabbitmq." + string.Join('.', Enumerable.Repeat("storage", depth)));
        var paths = Gen.OneOf<string>(deepPaths, Gen.OneOf(
            "rabbitmq.replicas", "rabbitmq.storage.size", "rabbitmq.nodeSelector", "rabbitmq.vhost", "workers.queues", "workers.taskTimeLimit",
            "web.module", "web.ingress.host", "pghoard.storage", "web", "rabbitmq.resources.limits.memory", "nope.x", "rabbitmq"));
        var values = Gen.OneOf<string>(
            Gen.String[Gen.Char["[]{}:,-#&*!|>'\"\\ \n\t\u001babc019.=_/\ud800"], 0, 30],
            YamlMutation.Of(["[{name: mail_out}, {name: mail.out}]", "{size: 10Gi, storageClass: ssd}", "\"shop.wsgi:app\"", "5", "null", "90s"]));
        var sets = Gen.OneOf<string>(
            Gen.Select(paths, values, (path, value) => $"{path}={value}"),
            Gen.String[0, 40]);
        sets.Array[1, 3].Sample(
            arguments => AssertCleanOutcome(CliRun.In(_repository.Root, ["render", "--env", "production", .. arguments.SelectMany(set => new[] { "--set", set })])),
            iter: 300,
            threads: 1);
    }

    [Fact]
    public void Deep_nesting_of_any_kind_is_located()
    {
        Gen.Select(Gen.Int[65, 30_000], Gen.OneOf("[", "{a: ", "- ", "\n- ")).Sample(
            nesting =>
            {
                var text = "stacks:\n  rabbitmq:\n    replicas: " + new StringBuilder().Insert(0, nesting.Item2, nesting.Item1);
                var error = Assert.Single(Assert.Throws<InputException>(() => _ = YamlLayerReader.Read(text, Locate)).Errors);
                Assert.StartsWith("layer.yaml:", error.Location.Text);
            },
            iter: 40);
    }
}
