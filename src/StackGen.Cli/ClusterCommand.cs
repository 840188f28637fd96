using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Rendering;

namespace StackGen.Cli;

/// <summary>Runs a cluster command's work and turns what the cluster said into a one-line error and an exit code.</summary>
public static class ClusterCommand
{
    public static async Task<ExitCode> RunAsync(CliContext cli, ExitCode failure, Func<ApplyHost, CancellationToken, Task<ExitCode>> work, CancellationToken cancel)
    {
        // What follows talks to the cluster and may wait for minutes: the render's no-collection budget ends here.
        RenderMemory.RenderDone();
        try
        {
            return await work(cli.ApplyHost, cancel).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            await cli.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return failure;
        }
    }
}
