using System.IO.Compression;
using System.Security.Cryptography;
using StackGen.Tests.Support;

namespace StackGen.Tests.OpenApi;

/// <summary>
/// The specs the tests validate against are the repository's own copies (tests/k8s-openapi/), unmodified: each file
/// is listed in PROVENANCE.txt and its uncompressed content has the checksum recorded there.
/// </summary>
public sealed class SpecFilesTests
{
    [Fact]
    public void Every_spec_in_the_checkout_matches_its_provenance()
    {
        var recorded = File.ReadLines(Path.Combine(Repository.OpenApiSpecsDirectory, "PROVENANCE.txt"))
            .Select(line => line.Split("  "))
            .Where(columns => columns.Length == 4 && columns[0].StartsWith("1.", StringComparison.Ordinal))
            .ToDictionary(columns => columns[0], columns => columns[3], StringComparer.Ordinal);
        var specs = Directory.GetFiles(Repository.OpenApiSpecsDirectory, "kubernetes-*.swagger.json.gz");

        Assert.NotEmpty(specs);
        Assert.All(specs, spec =>
        {
            var version = VersionOf(spec);
            Assert.True(recorded.ContainsKey(version), $"{spec} is not listed in PROVENANCE.txt");
            Assert.Equal(recorded[version], Sha256Prefix(spec, recorded[version].Length));
        });
        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), specs.Select(VersionOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Specs_are_read_from_inside_the_checkout()
    {
        var spec = Path.GetFullPath(Repository.OpenApiSpec("1.34"));

        Assert.StartsWith(Repository.Root + Path.DirectorySeparatorChar, spec, StringComparison.Ordinal);
        Assert.True(File.Exists(spec), spec);
    }

    private static string VersionOf(string spec) => Path.GetFileName(spec)["kubernetes-".Length..^".swagger.json.gz".Length];

    private static string Sha256Prefix(string gzipped, int length)
    {
        using var file = File.OpenRead(gzipped);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(gzip))[..length];
    }
}
