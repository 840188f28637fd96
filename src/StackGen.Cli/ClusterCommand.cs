using StackGen.Apply;
using StackGen.Apply.Kube;

namespace StackGen.Cli;

/// <summary>Runs a cluster command's work and turns what the cluster said into a one-line error and an exit code.</summary>
public static class ClusterCommand
{
    public static int Run(CliContext cli, int failureExitCode, Func<ApplyHost, CancellationToken, Task<int>> work)
    {
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
