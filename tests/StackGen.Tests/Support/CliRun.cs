using StackGen.Cli;

namespace StackGen.Tests.Support;

/// <summary>Runs the stackgen command in-process, the way a user would from <paramref name="WorkingDirectory"/>.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static CliRun In(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = StackGenCli.Run(args, Renders.Catalog, stdout, stderr, workingDirectory);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
