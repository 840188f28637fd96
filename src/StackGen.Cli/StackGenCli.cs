using System.CommandLine;
using StackGen.Apply;
using StackGen.Diagnostics;
using StackGen.Stacks;

namespace StackGen.Cli;

/// <summary>
/// The `stackgen` command: parses arguments and calls the engine. Exit codes are <see cref="ExitCode"/>'s: 0 success,
/// 1 the command's own failure (lint errors, an apply that failed, diff's "changes"), 2 bad input (files, flags,
/// settings; one located line per problem), 3 an internal error (a bug: please report it), 130 interrupted.
/// </summary>
public static class StackGenCli
{
    /// <summary>
    /// How long a command may take to stop after Ctrl+C or SIGTERM (apply releasing its lock) before System.CommandLine
    /// gives up on it and the process exits 130 (SIGINT) or 143 (SIGTERM) anyway; the lease then expires by itself.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static int Run(string[] args, StackCatalog catalog, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, catalog, stdout, stderr, workingDirectory, host: null);

    /// <summary>In-process (tests): no signal handling, nothing to cancel.</summary>
    /// <param name="host">What apply, diff, history and rollback take from the process; null for the real one.</param>
    public static int Run(string[] args, StackCatalog catalog, TextWriter stdout, TextWriter stderr, string workingDirectory, ApplyHost? host) =>
        // Off the caller's synchronization context: blocking on the async invocation there could deadlock.
        Task.Run(() => RunAsync(args, new CliContext(catalog, stdout, stderr, workingDirectory, host), signals: false, CancellationToken.None)).GetAwaiter().GetResult();

    /// <param name="signals">True in the real process: Ctrl+C and SIGTERM cancel the command's token (see <see cref="StopGrace"/>).</param>
    /// <param name="cancel">Cancels the command as a signal would (tests interrupt apply with it).</param>
    public static async Task<int> RunAsync(string[] args, CliContext io, bool signals, CancellationToken cancel)
    {
        var (stdout, stderr) = (io.Out, io.Error);
        var root = new RootCommand(
            "StackGen renders typed C# stacks into per-environment Kubernetes manifests.\n\n" +
            "Exit codes: 0 success, 1 lint errors, changes (diff, render --check) or a failed apply, 2 bad input, 3 internal error (a bug),\n" +
            "130 interrupted (Ctrl+C or SIGTERM). Each command's --help says what its own mean.\n\nExamples:\n  stackgen render --env production\n  stackgen lint --env production\n  stackgen diff --env production\n  stackgen apply --env production\n  stackgen stacks\n  stackgen envs")
        {
            RenderCommand.Create(io),
            StacksCommand.Create(io),
            EnvsCommand.Create(io),
            LintCommand.Create(io),
            ExplainCommand.Create(io),
            ApplyCommand.Create(io),
            DiffCommand.Create(io),
            HistoryCommand.Create(io),
            RollbackCommand.Create(io),
            DeleteCommand.Create(io),
            VendorCommand.Create(io),
        };

        // No @response files: kubectl and helm have none, and a --set value may begin with '@'.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine(UsageError.Of(parsed));
            return (int)ExitCode.InputError;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = signals ? StopGrace : null,
            };
            return await parsed.InvokeAsync(configuration, cancel).ConfigureAwait(false);
        }
        catch (InputException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(io.Shown(error));
            }

            return (int)ExitCode.InputError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("STACKGEN_DEBUG") is null)
        {
            stderr.WriteLine($"stackgen: internal error: {Diagnostics.InputError.Escape(e.Message)} (a bug in StackGen or a stack; rerun with STACKGEN_DEBUG=1 for the stack trace)");
            return (int)ExitCode.InternalError;
        }
    }
}
