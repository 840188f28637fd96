namespace StackGen.Tests.Support;

/// <summary>What every bad input must look like: exit 2, exactly one located line on stderr, nothing on stdout.</summary>
public static class BadInput
{
    /// <returns>The error line.</returns>
    public static string AssertOneError(CliRun run, string expectedStart)
    {
        Assert.True(run.ExitCode == 2, $"expected exit 2, got {run.ExitCode}: {run.Error}");
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(expectedStart, line);
        Assert.DoesNotContain("internal error", line);
        return line;
    }

    /// <summary>As <see cref="AssertOneError"/>, with the line matched against a pattern (for positions a parser chooses).</summary>
    public static string AssertOneErrorMatching(CliRun run, string pattern)
    {
        Assert.True(run.ExitCode == 2, $"expected exit 2, got {run.ExitCode}: {run.Error}");
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Matches(pattern, line);
        return line;
    }
}
