using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>render --check (CI's drift check) and --all-envs: --check compares DIR with a fresh render and never writes.</summary>
public sealed class RenderCheckTests : IDisposable
{
    private const string Dev = ScratchRepository.DevTarget + "stacks:\n  rabbitmq:\n    replicas: 1\n";

    private const string Staging = """
        target:
          context: staging
          namespace: shop-staging
          kubernetesVersion: "1.33"
        stacks:
          rabbitmq:
            replicas: 3

        """;

    private const string StatefulSet = "rendered/dev/rabbitmq/statefulset-rabbitmq.yaml";

    private readonly ScratchRepository _repository = new ScratchRepository().With("dev.yaml", Dev).With("staging.yaml", Staging);

    public void Dispose() => _repository.Dispose();

    private string PathOf(string relative) => Path.Combine(_repository.Root, relative);

    private CliRun Run(params string[] args) => CliRun.In(_repository.Root, args);

    /// <summary>Every directory and file under the repository with its content: what "writes nothing" compares.</summary>
    private SortedDictionary<string, string?> Tree() => new(
        Directory.EnumerateFileSystemEntries(_repository.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(_repository.Root, p), p => File.Exists(p) ? File.ReadAllText(p) : null),
        StringComparer.Ordinal);

    /// <summary>Runs --check and asserts the repository is byte for byte as it was.</summary>
    private CliRun Check(params string[] args)
    {
        var before = Tree();
        var run = Run(["render", "--output", "rendered", "--check", .. args]);
        Assert.Equal(before, Tree());
        return run;
    }

    [Fact]
    public void Check_right_after_a_render_exits_0_with_no_diff()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "rendered").ExitCode);

        var run = Check("--env", "dev");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Equal("rendered/dev holds exactly this render", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Check_after_a_setting_changes_exits_1_with_a_diff_of_each_changed_file()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "rendered").ExitCode);

        var run = Check("--env", "dev", "--set", "rabbitmq.replicas=3");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--- {StatefulSet}\n+++ {StatefulSet}\n@@ ", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n-  replicas: 1\n+  replicas: 3\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/null", run.Out, StringComparison.Ordinal);
        Assert.Matches("^rendered/dev differs from this render: [1-9][0-9]* changed, 0 to add, 0 to remove; rerun without --check to update it$", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Check_after_a_file_is_added_in_dir_exits_1_with_a_diff_removing_it()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "rendered").ExitCode);
        File.WriteAllText(PathOf("rendered/dev/rabbitmq/configmap-extra.yaml"), "kind: ConfigMap\n");

        var run = Check("--env", "dev");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("--- rendered/dev/rabbitmq/configmap-extra.yaml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-kind: ConfigMap\n", run.Out);
        Assert.Equal("rendered/dev differs from this render: 0 changed, 0 to add, 1 to remove; rerun without --check to update it", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Check_after_a_file_is_removed_from_dir_exits_1_with_a_diff_adding_it()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "rendered").ExitCode);
        var content = File.ReadAllText(PathOf(StatefulSet));
        File.Delete(PathOf(StatefulSet));

        var run = Check("--env", "dev");

        Assert.Equal(1, run.ExitCode);
        var lines = content.TrimEnd('\n').Split('\n');
        Assert.Equal($"--- /dev/null\n+++ {StatefulSet}\n@@ -0,0 +1,{lines.Length} @@\n{string.Concat(lines.Select(l => $"+{l}\n"))}", run.Out);
    }

    [Fact]
    public void Check_of_a_directory_never_written_lists_every_file_to_add_and_creates_nothing()
    {
        var run = Check("--env", "dev");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--- /dev/null\n+++ rendered/dev/.stackgen-output\n", run.Out, StringComparison.Ordinal);
        Assert.Contains($"--- /dev/null\n+++ {StatefulSet}\n", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("rendered")));
    }

    [Fact]
    public void Check_of_one_stack_leaves_the_other_stacks_files_as_the_write_keeps_them()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "rendered").ExitCode);

        Assert.Equal(0, Check("--env", "dev", "--stack", "rabbitmq").ExitCode);
    }

    [Fact]
    public void All_envs_writes_each_environment_as_a_render_of_it_alone_would_and_checks_them_all()
    {
        Assert.Equal(0, Run("render", "--env", "dev", "--output", "alone").ExitCode);

        var run = Run("render", "--all-envs", "--output", "rendered");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Equal(["wrote 5 objects to rendered/dev", "wrote 5 objects to rendered/staging"], run.ErrorLines);
        Assert.Equal(["dev", "staging"], Directory.EnumerateDirectories(PathOf("rendered")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.EnumerateFiles(PathOf("alone/dev"), "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(PathOf(Path.Combine("rendered/dev", Path.GetRelativePath(PathOf("alone/dev"), file)))));
        }

        Assert.Equal(0, Check("--all-envs").ExitCode);
        var drifted = Check("--all-envs", "--set", "rabbitmq.replicas=4");
        Assert.Equal(1, drifted.ExitCode);
        Assert.Contains("+++ rendered/dev/rabbitmq/statefulset-rabbitmq.yaml\n", drifted.Out, StringComparison.Ordinal);
        Assert.Contains("+++ rendered/staging/rabbitmq/statefulset-rabbitmq.yaml\n", drifted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void All_envs_writes_no_environment_when_one_directory_is_in_the_way()
    {
        Directory.CreateDirectory(PathOf("rendered/staging"));
        File.WriteAllText(PathOf("rendered/staging/notes.txt"), "a user's file\n");
        var before = Tree();

        var run = Run("render", "--all-envs", "--output", "rendered");

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Equal("--output rendered: error: rendered/staging was not written by stackgen render (it has no .stackgen-output); StackGen replaces only a directory it wrote (listed in .stackgen-output); move it away or choose another --output", Assert.Single(run.ErrorLines));
        Assert.Equal(before, Tree());
    }

    [Theory]
    [InlineData("--check: error: expected --output DIR with --check: it compares DIR/ENV with the render", "render", "--env", "dev", "--check")]
    [InlineData("--all-envs: error: expected --output DIR with --all-envs: it writes each environment to DIR/ENV", "render", "--all-envs")]
    [InlineData("--all-envs --env dev: error: expected --all-envs or --env, not both; drop --env to render every environment", "render", "--all-envs", "--env", "dev", "--output", "rendered")]
    [InlineData("--env: error: expected --env ENV (or --all-envs)", "render", "--output", "rendered")]
    public void Flags_that_do_not_go_together_are_a_usage_error_naming_them(string expected, params string[] args)
    {
        var before = Tree();

        var run = Run(args);

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
        Assert.Equal(before, Tree());
    }
}
