namespace StackGen.Tests.Support;

/// <summary>
/// Renders that bad input must refuse the way every input error is refused: exit 2, nothing on stdout, one located
/// line on stderr, which is returned for the caller to check.
/// </summary>
public static class Refused
{
    /// <summary>The real dev environment with --set arguments.</summary>
    public static string Sets(params string[] sets) =>
        ErrorOf(CliRun.In(Repository.Root, ["render", "--env", "dev", .. sets.SelectMany(set => new[] { "--set", set })]));

    /// <summary>A scratch dev environment whose stacks: section is <paramref name="stacks"/> (indented by two spaces, starting on line 6).</summary>
    public static string Stacks(string stacks)
    {
        using var repository = new ScratchRepository().With("dev.yaml", """
            target:
              context: dev
              namespace: shop-dev
              kubernetesVersion: "1.33"
            stacks:

            """ + stacks);
        return ErrorOf(CliRun.In(repository.Root, "render", "--env", "dev"));
    }

    private static string ErrorOf(CliRun run)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.DoesNotContain("   at ", run.Error);
        return Assert.Single(run.ErrorLines);
    }
}
