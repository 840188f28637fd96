using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Layering;
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

    /// <summary>
    /// A command on one stack's state on the cluster (history, rollback, delete): loads the environment, checks --stack
    /// against the catalog (the stack is read from the cluster, so no render checks it), resolves the target and runs
    /// <paramref name="work"/> with a client, as <see cref="RunAsync"/> does.
    /// </summary>
    public static Task<ExitCode> RunOnStackAsync(
        CliContext cli, RenderOptions input, ClusterOptions cluster, ParseResult parsed, Func<StackOnCluster, CancellationToken, Task<ExitCode>> work, CancellationToken cancel)
    {
        var read = input.Read(parsed);
        var environment = new RenderPipeline(cli).Load(read, cluster.Retarget(parsed));
        var name = ClusterOptions.KnownStack(cli, read.Stacks[0]);
        var target = cluster.Resolve(environment, parsed, cli);
        return RunAsync(cli, ExitCode.Failed, async (host, token) =>
        {
            using var client = new ResourceClient(target.Configuration(), host, cli.Error);
            return await work(new StackOnCluster(environment, name, target, client, host), token).ConfigureAwait(false);
        }, cancel);
    }

    /// <summary>
    /// After diff or apply of a whole environment: warns of each stack the environment deployed and no longer has. Only
    /// without --stack, since a render of some stacks says nothing about the others.
    /// </summary>
    public static async Task WarnOrphansAsync(CliContext cli, ResourceClient client, RenderInput input, EnvironmentConfig environment, string ns, CancellationToken cancel)
    {
        if (input.Stacks.Count > 0)
        {
            return;
        }

        foreach (var stack in await OrphanedSets.FindAsync(client, environment.Name, ns, [.. environment.Stacks.Select(s => s.Stack.Name)], cancel).ConfigureAwait(false))
        {
            await cli.Error.WriteLineAsync(OrphanedSets.Warning(stack, environment.Name, ns)).ConfigureAwait(false);
        }
    }
}
