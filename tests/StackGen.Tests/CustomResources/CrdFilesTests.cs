using System.Security.Cryptography;
using StackGen.Objects;
using StackGen.Tests.Support;

namespace StackGen.Tests.CustomResources;

/// <summary>
/// The CRDs the models are generated from are the repository's verbatim copies of upstream files: each is listed in
/// crds/PROVENANCE.md with its sha256, and every one of them generated its kinds.
/// </summary>
public sealed class CrdFilesTests
{
    private static string CrdsDirectory => Path.Combine(Repository.Root, "crds");

    [Fact]
    public void Every_CRD_file_matches_the_sha256_in_its_provenance()
    {
        var recorded = File.ReadLines(Path.Combine(CrdsDirectory, "PROVENANCE.md"))
            .Select(line => line.Split("  "))
            .Where(columns => columns.Length == 2 && columns[0].Length == 64 && columns[0].All(char.IsAsciiHexDigitLower))
            .ToDictionary(columns => columns[1], columns => columns[0], StringComparer.Ordinal);
        var files = Directory.GetFiles(CrdsDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CrdsDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.NotEmpty(files);
        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), files);
        Assert.All(files, file => Assert.Equal(recorded[file], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(CrdsDirectory, file))))));
    }

    [Fact]
    public void Every_CRD_file_generated_its_kinds_with_the_scope_it_states()
    {
        var sources = CustomResourceKinds.All.Select(k => k.Source).Distinct().Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(CrdsDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => "crds/" + Path.GetRelativePath(CrdsDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, sources);
        Assert.False(CustomResourceKinds.Find("gateway.networking.k8s.io/v1", "GatewayClass")!.Namespaced);
        Assert.True(CustomResourceKinds.Find("gateway.networking.k8s.io/v1", "HTTPRoute")!.Namespaced);
        Assert.Equal("servicemonitors", CustomResourceKinds.Find("monitoring.coreos.com/v1", "ServiceMonitor")!.Plural);
        Assert.Null(CustomResourceKinds.Find("gateway.networking.k8s.io/v1alpha3", "BackendTLSPolicy"));
    }
}
