using System.CommandLine;
using StackGen.Apply;

namespace StackGen.Cli;

/// <summary>
/// How every command's action is set: asynchronous, with the cancellation token System.CommandLine cancels on Ctrl+C
/// (SIGINT) or SIGTERM, returning an <see cref="ExitCode"/>. An interrupted command says so in one line and exits
/// <see cref="ExitCode.Interrupted"/>.
/// </summary>
public static class CommandActions
{
    public static void SetAction(this Command command, CliContext cli, Func<ParseResult, CancellationToken, Task<ExitCode>> action) =>
        command.SetAction(async (parsed, cancel) =>
        {
            try
            {
                return (int)await action(parsed, cancel).ConfigureAwait(false);
            }
            catch (ApplyInterruptedException e)
            {
                await cli.Error.WriteLineAsync(e.Released.Count == 0
                    ? $"{command.Name} interrupted before anything was applied"
                    : $"{command.Name} interrupted: {(e.Released.Count == 1 ? "lease" : "leases")} {string.Join(", ", e.Released)} released; the cluster has what was applied so far, re-run {command.Name} to converge").ConfigureAwait(false);
                return (int)ExitCode.Interrupted;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                await cli.Error.WriteLineAsync($"{command.Name} interrupted").ConfigureAwait(false);
                return (int)ExitCode.Interrupted;
            }
        });

    /// <summary>For commands with nothing to wait on: the work is synchronous and done before a signal matters.</summary>
    public static void SetAction(this Command command, CliContext cli, Func<ParseResult, ExitCode> action) =>
        command.SetAction(cli, (parsed, _) => Task.FromResult(action(parsed)));
}
