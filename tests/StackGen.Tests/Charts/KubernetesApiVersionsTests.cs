using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using StackGen.Charts;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

public sealed partial class KubernetesApiVersionsTests
{
    public static TheoryData<string> Versions => [.. Directory.EnumerateFiles(Repository.OpenApiSpecsDirectory, "kubernetes-*.swagger.json.gz")
        .Select(f => Path.GetFileName(f)["kubernetes-".Length..^".swagger.json.gz".Length]).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_stable_api_versions_are_those_the_official_spec_serves(string version)
    {
        using var file = File.OpenRead(Repository.OpenApiSpec(version));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var spec = JsonDocument.Parse(gzip);
        var served = spec.RootElement.GetProperty("paths").EnumerateObject()
            .Select(p => StablePath().Match(p.Name))
            .Where(m => m.Success)
            .Select(m => m.Groups["group"].Success ? $"{m.Groups["group"].Value}/{m.Groups["version"].Value}" : "v1")
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(served, KubernetesApiVersions.Served(version));
    }

    [GeneratedRegex(@"^(/apis/(?<group>[^/]+)/(?<version>v[0-9]+)/|/api/v1/)")]
    private static partial Regex StablePath();
}
