using System.CommandLine;
using StackGen.Apply;
using StackGen.Diagnostics;
using StackGen.Stacks;

namespace StackGen.Cli;

/// <summary>
/// The `stackgen` command: parses arguments and calls the engine. Exit codes: 0 success, 1 the command's own
/// failure (lint errors, an apply that failed, diff's "changes"), 2 bad input (files, flags, settings; one
/// located line per problem), 3 an internal error (a bug: please report it).
/// </summary>
public static class StackGenCli
{
    public const int InputError = 2;
    public const int InternalError = 3;

    public static int Run(string[] args, StackCatalog catalog, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, catalog, stdout, stderr, workingDirectory, host: null);

    /// <param name="host">What apply, diff, history and rollback take from the process; null for the real one.</param>
    public static int Run(string[] args, StackCatalog catalog, TextWriter stdout, TextWriter stderr, string workingDirectory, ApplyHost? host)
    {
        var io = new CliContext(catalog, stdout, stderr, workingDirectory, host);
        var root = new RootCommand("StackGen renders typed C# stacks into per-environment Kubernetes manifests.\n\nExamples:\n  stackgen render --env production\n  stackgen lint --env production\n  stackgen diff --env production\n  stackgen apply --env production\n  stackgen stacks\n  stackgen envs")
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
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine(UsageError.Of(parsed));
            return InputError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(io.Shown(error));
            }

            return InputError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("STACKGEN_DEBUG") is null)
        {
            stderr.WriteLine($"stackgen: internal error: {Diagnostics.InputError.Escape(e.Message)} (a bug in StackGen or a stack; rerun with STACKGEN_DEBUG=1 for the stack trace)");
            return InternalError;
        }
    }
}
