namespace StackGen.Tests.Support;

/// <summary>A throw-away repository with an environments/ directory, for layering and error tests.</summary>
public sealed class ScratchRepository : IDisposable
{
    public ScratchRepository()
    {
        Root = Directory.CreateTempSubdirectory("stackgen-test-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "environments"));
    }

    /// <summary>The target block of a dev environment file; a test appends its stacks.</summary>
    public const string DevTarget = """
        target:
          context: dev
          namespace: shop-dev
          kubernetesVersion: "1.33"

        """;

    public string Root { get; }

    /// <summary>Writes environments/RELATIVE (e.g. "dev.yaml", "dev/platform.yaml").</summary>
    public ScratchRepository With(string relative, string yaml)
    {
        var path = Path.Combine(Root, "environments", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return this;
    }

    /// <summary>Writes environments/RELATIVE as the bytes given (invalid UTF-8 included).</summary>
    public ScratchRepository WithBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, "environments", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
