using StackGen.Cli;
using StackGen.Stacks;

namespace StackGen.Tests.Support;

/// <summary>Runs the stackgen command in-process, the way a user would from <paramref name="WorkingDirectory"/>.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>With the organisation's own stacks (stacks/Organisation.cs), as the shipped binary runs.</summary>
    public static CliRun In(string workingDirectory, params string[] args) => In(workingDirectory, Renders.Catalog, args);

    public static CliRun In(string workingDirectory, StackCatalog catalog, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = StackGenCli.Run(args, catalog, stdout, stderr, workingDirectory);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
