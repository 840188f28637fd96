namespace StackGen.Tests.Support;

/// <summary>A throw-away repository with an environments/ directory, for layering and error tests.</summary>
public sealed class ScratchRepository : IDisposable
{
    /// <summary>A development environment's target: what every environment file starts with.</summary>
    public const string DevTarget = "target:\n  context: dev\n  namespace: shop-dev\n  kubernetesVersion: \"1.33\"\n";

    public ScratchRepository()
    {
        Root = Directory.CreateTempSubdirectory("stackgen-test-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "environments"));
    }

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
