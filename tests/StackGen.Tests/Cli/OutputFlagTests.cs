using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>render --output through the command: refusals are one located line and exit 2, I/O failures exit 1.</summary>
public sealed class OutputFlagTests : IDisposable
{
    private const string Dev = ScratchRepository.DevTarget + "stacks:\n  rabbitmq: {}\n";

    private const string PlatformLayer = "stacks:\n  rabbitmq:\n    replicas: 1\n";

    private readonly ScratchRepository _repository = new ScratchRepository().With("dev.yaml", Dev).With("dev/platform.yaml", PlatformLayer);

    public void Dispose() => _repository.Dispose();

    private string Environments => Path.Combine(_repository.Root, "environments");

    private static void AssertRefused(CliRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Output_environments_is_refused_and_leaves_the_team_layers_untouched()
    {
        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--output", "environments");

        AssertRefused(run, "--output environments: error: environments is environments/, the environment files StackGen renders from; choose a directory outside it, such as rendered/");
        Assert.Equal(PlatformLayer, File.ReadAllText(Path.Combine(Environments, "dev", "platform.yaml")));
        Assert.Equal(["dev", "dev.yaml"], Directory.EnumerateFileSystemEntries(Environments).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["platform.yaml"], Directory.EnumerateFileSystemEntries(Path.Combine(Environments, "dev")).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_environments_from_a_subdirectory_is_refused_with_paths_relative_to_it()
    {
        var run = CliRun.In(Path.Combine(Environments, "dev"), "render", "--env", "dev", "--output", "..");

        AssertRefused(run, "--output ..: error: .. is ../, the environment files StackGen renders from; choose a directory outside it, such as rendered/");
        Assert.Equal(PlatformLayer, File.ReadAllText(Path.Combine(Environments, "dev", "platform.yaml")));
    }

    [Theory]
    [InlineData("", "dev/mine.txt", "--output \"\": error: expected a directory, got an empty path; write --output . for the working directory")]
    [InlineData("rendered", "rendered/dev/notes.txt", "--output rendered: error: rendered/dev was not written by stackgen render (it has no .stackgen-output); StackGen replaces only a directory it wrote (listed in .stackgen-output); move it away or choose another --output")]
    public void Empty_output_or_a_user_directory_in_the_way_is_refused_and_the_users_file_untouched(string output, string userFile, string expected)
    {
        var path = Path.Combine(_repository.Root, userFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "a user's file\n");

        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--output", output);

        AssertRefused(run, expected);
        Assert.Equal("a user's file\n", File.ReadAllText(path));
    }

    [Fact]
    public void Its_own_render_is_replaced_and_reported_relative_to_the_working_directory()
    {
        Assert.Equal(0, CliRun.In(_repository.Root, "render", "--env", "dev", "--output", "rendered/").ExitCode);
        var sub = Directory.CreateDirectory(Path.Combine(_repository.Root, "rendered", "dev", "rabbitmq")).FullName;

        var run = CliRun.In(sub, "render", "--env", "dev", "--output", "../..");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Equal("wrote 5 objects to ../../dev", Assert.Single(run.ErrorLines));
        Assert.True(File.Exists(Path.Combine(_repository.Root, "rendered", "dev", "rabbitmq", "statefulset-rabbitmq.yaml")));
    }

    [Fact]
    public void A_directory_that_refuses_new_entries_is_an_io_failure_exit_1()
    {
        // procfs refuses new entries even to root, so this is a real read-only directory where chmod would stop
        // nothing (CI runs the tests as root).
        var run = CliRun.In(_repository.Root, "render", "--env", "dev", "--output", "/proc");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.StartsWith("--output /proc: error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", run.ErrorLines[0], StringComparison.Ordinal);
    }
}
