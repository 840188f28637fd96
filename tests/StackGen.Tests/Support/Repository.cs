namespace StackGen.Tests.Support;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(Root, "tests", "StackGen.Tests");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StackGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no StackGen.sln above {AppContext.BaseDirectory}");
    }
}
