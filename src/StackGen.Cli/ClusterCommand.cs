using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Rendering;

namespace StackGen.Cli;

/// <summary>Runs a cluster command's work and turns what the cluster said into a one-line error and an exit code.</summary>
public static class ClusterCommand
{
    public static int Run(CliContext cli, int failureExitCode, Func<ApplyHost, CancellationToken, Task<int>> work)
    {
        // What follows talks to the cluster and may wait for minutes: the render's no-collection budget ends here.
        RenderMemory.RenderDone();
        try
        {
            // The actions are synchronous (the CLI's contract); the engine awaits with ConfigureAwait(false) throughout.
            return work(cli.ApplyHost, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (KubeApiException e)
        {
            cli.Error.WriteLine($"error: {e.Message}");
            return failureExitCode;
        }
    }
}
