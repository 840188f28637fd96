using System.Diagnostics;
using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>Only regular files of bounded size are read as layers; anything else is an error naming the file.</summary>
public sealed class LayerFileTests : IDisposable
{
    private readonly ScratchRepository _repository = new ScratchRepository()
        .With("production.yaml", "target:\n  context: prod\n  namespace: shop\n  kubernetesVersion: \"1.34\"\nstacks:\n  rabbitmq: {}\n")
        .With("production/platform.yaml", "stacks:\n  rabbitmq:\n    replicas: 3\n");

    private string TeamLayer => Path.Combine(_repository.Root, "environments", "production", "platform.yaml");

    public void Dispose() => _repository.Dispose();

    private CliRun Render() => CliRun.In(_repository.Root, "render", "--env", "production");

    [Fact]
    public void A_named_pipe_is_refused_without_blocking()
    {
        File.Delete(TeamLayer);
        using (var mkfifo = Process.Start("mkfifo", TeamLayer))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        BadInput.AssertOneError(Render(), "environments/production/platform.yaml: error: not a regular file");
    }

    [Fact]
    public void A_link_to_a_device_is_refused()
    {
        File.Delete(TeamLayer);
        File.CreateSymbolicLink(TeamLayer, "/dev/zero");

        BadInput.AssertOneError(Render(), "environments/production/platform.yaml: error: not a regular file");
    }

    [Fact]
    public void A_dangling_link_is_located()
    {
        File.Delete(TeamLayer);
        File.CreateSymbolicLink(TeamLayer, "gone.yaml");

        BadInput.AssertOneError(Render(), "environments/production/platform.yaml: error: a symbolic link to 'gone.yaml', which does not exist");
    }

    [Fact]
    public void A_link_loop_is_located()
    {
        File.Delete(TeamLayer);
        File.CreateSymbolicLink(TeamLayer, "platform.yaml");

        BadInput.AssertOneError(Render(), "environments/production/platform.yaml: error: a symbolic link loop");
    }

    [Fact]
    public void A_link_to_a_regular_file_is_read()
    {
        File.Move(TeamLayer, TeamLayer + ".real");
        File.CreateSymbolicLink(TeamLayer, "platform.yaml.real");

        Assert.Equal(0, Render().ExitCode);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        File.WriteAllText(TeamLayer, "stacks: {}\n" + new string('#', StackGen.Layering.LayerFile.MaxBytes));

        BadInput.AssertOneError(Render(), "environments/production/platform.yaml: error: 1048587 bytes; expected a layer file of at most 1048576 bytes");
    }

    [Fact]
    public void Envs_prints_nothing_when_an_environment_fails()
    {
        _repository.With("dev.yaml", "target:\n  context: dev\n  namespace: shop-dev\n  kubernetesVersion: \"1.33\"\n");
        File.Delete(TeamLayer);
        File.CreateSymbolicLink(TeamLayer, "platform.yaml");

        var run = CliRun.In(_repository.Root, "envs");

        BadInput.AssertOneError(run, "environments/production/platform.yaml: error: a symbolic link loop");
    }
}
