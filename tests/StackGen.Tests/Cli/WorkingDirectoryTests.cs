using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>stackgen runs from any directory of the repository; the paths it prints are relative to where the user is.</summary>
public sealed class WorkingDirectoryTests : IDisposable
{
    private const string Dev = ScratchRepository.DevTarget + "stacks:\n  rabbitmq:\n    replica: 3\n";

    private readonly ScratchRepository _repository = new ScratchRepository().With("dev.yaml", Dev);

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("", "environments/dev.yaml:7:5")]
    [InlineData("stacks", "../environments/dev.yaml:7:5")]
    [InlineData("stacks/RabbitMq", "../../environments/dev.yaml:7:5")]
    [InlineData("environments", "dev.yaml:7:5")]
    public void An_error_in_an_environment_file_is_located_relative_to_the_working_directory(string directory, string location)
    {
        var cwd = Directory.CreateDirectory(Path.Combine(_repository.Root, directory)).FullName;

        var run = CliRun.In(cwd, "render", "--env", "dev");

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.StartsWith($"{location}: error: rabbitmq.replica: unknown setting", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subdirectory_renders_the_repository_it_is_in()
    {
        var fromRoot = CliRun.In(Repository.Root, "render", "--env", "production");

        var fromStacks = CliRun.In(Path.Combine(Repository.Root, "stacks"), "render", "--env", "production");

        Assert.Equal((0, fromRoot.Out), (fromStacks.ExitCode, fromStacks.Out));
    }
}
