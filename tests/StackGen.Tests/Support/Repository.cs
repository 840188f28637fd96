namespace StackGen.Tests.Support;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(Root, "tests", "StackGen.Tests");

    /// <summary>
    /// The official Kubernetes OpenAPI specs, gzipped, one per minor version (tests/k8s-openapi/, with PROVENANCE.txt):
    /// carried in the checkout so a clone passes its tests with nothing beside it.
    /// </summary>
    public static string OpenApiSpecsDirectory => Path.Combine(Root, "tests", "k8s-openapi");

    /// <summary>The gzipped swagger.json of a Kubernetes minor version ("1.34"); it may not exist.</summary>
    public static string OpenApiSpec(string minorVersion) =>
        Path.Combine(OpenApiSpecsDirectory, $"kubernetes-{minorVersion}.swagger.json.gz");

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
