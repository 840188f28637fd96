using StackGen.Cli;
using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>The exit codes are named once (<see cref="ExitCode"/>); the help and README a script author reads list every one.</summary>
public sealed class ExitCodeTests
{
    public static TheoryData<int> Codes => [.. Enum.GetValues<ExitCode>().Select(c => (int)c).Distinct()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_exit_code_is_in_the_root_help_and_the_readme(int code)
    {
        var help = CliRun.In(Repository.Root, "--help");
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        Assert.Equal(0, help.ExitCode);
        Assert.Matches($@"Exit codes:[^\n]*\n?[^\n]*\b{code} ", help.Out);
        Assert.Contains($"`{code}`", readme, StringComparison.Ordinal);
    }
}
