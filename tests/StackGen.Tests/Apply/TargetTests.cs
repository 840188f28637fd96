using StackGen.Apply;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Layering;

namespace StackGen.Tests.Apply;

public sealed class TargetTests : IDisposable
{
    private static readonly Target Production = new() { Context = "prod-eu1", Namespace = "shop", KubernetesVersion = "1.34" };

    private readonly string _directory = Directory.CreateTempSubdirectory("stackgen-target-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ApplyHost Host(params (string Name, string Value)[] variables) => new()
    {
        Environment = name => variables.FirstOrDefault(v => v.Name == name).Value,
        Identity = "test",
    };

    [Fact]
    public void The_environment_file_names_context_and_namespace_and_flags_override_them()
    {
        var fromFile = KubeTarget.Resolve(Production, null, null, null, Host(("HOME", "/home/op")), "/");
        var fromFlags = KubeTarget.Resolve(Production, "cfg", "kind-prod", "shop-test", Host(("HOME", "/home/op")), "/work");

        Assert.Equal(new KubeTarget("/home/op/.kube/config", "~/.kube/config", "prod-eu1", "shop"), fromFile);
        Assert.Equal(new KubeTarget("/work/cfg", "--kubeconfig cfg", "kind-prod", "shop-test"), fromFlags);
    }

    [Fact]
    public void KUBECONFIG_is_honoured_and_its_first_file_wins()
    {
        var target = KubeTarget.Resolve(Production, null, null, null, Host(("KUBECONFIG", ":/etc/a.yaml:/etc/b.yaml"), ("HOME", "/home/op")), "/");

        Assert.Equal("/etc/a.yaml", target.Kubeconfig);
    }

    [Fact]
    public void The_source_commit_is_read_from_git_files()
    {
        const string hash = "0123456789abcdef0123456789abcdef01234567";
        var git = Directory.CreateDirectory(Path.Combine(_directory, ".git")).FullName;
        var nested = Directory.CreateDirectory(Path.Combine(_directory, "environments", "production")).FullName;

        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(git, "packed-refs"), $"# pack-refs with: peeled\n{hash} refs/heads/main\n");
        Assert.Equal(hash, SourceCommit.Find(nested));

        Directory.CreateDirectory(Path.Combine(git, "refs", "heads"));
        File.WriteAllText(Path.Combine(git, "refs", "heads", "main"), hash.Replace('0', 'f') + "\n");
        Assert.Equal(hash.Replace('0', 'f'), SourceCommit.Find(nested));

        File.WriteAllText(Path.Combine(git, "HEAD"), hash + "\n");
        Assert.Equal(hash, SourceCommit.Find(_directory));
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "true", false)]
    [InlineData(false, null, false)]
    public void Progress_redraws_only_on_a_terminal_outside_CI(bool terminal, string? ci, bool live) =>
        Assert.Equal(live, (Host(("CI", ci!)) with { IsTerminal = terminal }).LiveProgress);

    [Fact]
    public void Outside_git_there_is_no_commit() => Assert.Null(SourceCommit.Find(_directory));
}
