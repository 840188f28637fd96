using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// One chart in vendor/vendor.lock: which version is vendored, where it came from, its tree hash (<see cref="TreeHash"/>)
/// and every file's sha256, so a changed file can be named.
/// </summary>
/// <param name="Source">Where it was vendored from: a path relative to the repository (or absolute), a repository URL and chart, or an OCI reference.</param>
/// <param name="Dependencies">The charts vendored with it in its charts/ directory: name and version.</param>
public sealed record VendorLockEntry(
    string Name,
    string Version,
    string Source,
    string Sha256,
    IReadOnlyList<ChartDependency> Dependencies,
    IReadOnlyList<FileDigest> Files)
{
    /// <summary>Where the entry is written in vendor/vendor.lock (null for an entry not read from it).</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>An upstream YAML manifest (a release manifest, a CRD bundle), not a chart: vendored in vendor/manifests/.</summary>
    public bool IsManifest { get; init; }

    /// <summary>"chart" or "manifest", as messages name the entry.</summary>
    public string What => IsManifest ? "manifest" : "chart";

    /// <summary>The directory relative to the repository: vendor/charts/NAME/VERSION, or vendor/manifests/NAME/VERSION.</summary>
    public string Directory => $"{(IsManifest ? VendorLock.ManifestsDirectory : VendorLock.ChartsDirectory)}/{Name}/{Version}";
}
