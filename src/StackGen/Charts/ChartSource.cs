using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>What `stackgen vendor` was asked to vendor, and how the lock records it.</summary>
/// <param name="Location">Where the user named it (the command line argument), for errors.</param>
/// <param name="Reference">A directory or .tgz (absolute), an oci:// reference, or the chart name in a repository.</param>
/// <param name="Repository">The repository URL (helm pull --repo), for a chart named in one.</param>
/// <param name="Version">The version to pull (required to pull; checked against Chart.yaml otherwise).</param>
/// <param name="Recorded">The source as vendor/vendor.lock records it.</param>
public sealed record ChartSource(ChartSourceKind Kind, SourceLocation Location, string Reference, string? Repository, string? Version, string Recorded)
{
    /// <summary>A manifest's name in the lock and in vendor/manifests/ (--name, else the file's name without .yaml).</summary>
    public string? Name { get; init; }

    /// <summary>Reads the command line's source: a chart directory or .tgz, oci://..., or a chart name with a repository URL.</summary>
    /// <param name="root">The repository root: local sources are recorded relative to it.</param>
    /// <param name="name">A manifest's name (--name); a chart's name is in its Chart.yaml.</param>
    public static ChartSource Parse(string argument, string? repository, string? version, string workingDirectory, string root, string? name = null)
    {
        var location = SourceLocation.Flag(argument);
        if (argument.StartsWith("oci://", StringComparison.Ordinal) || repository is not null)
        {
            if (version is null)
            {
                throw new InputException(SourceLocation.Flag("--version"), $"expected the version of {argument} to vendor (a vendored chart is pinned to one version)");
            }

            return repository is null
                ? new ChartSource(ChartSourceKind.Pull, location, argument, null, version, argument)
                : new ChartSource(ChartSourceKind.Pull, location, argument, repository, version, $"--repo {repository} {argument}");
        }

        if (argument.Contains("://", StringComparison.Ordinal))
        {
            throw new InputException(location, "expected a chart directory, a .tgz, an oci:// reference, or a chart name with --repo URL");
        }

        var full = Path.GetFullPath(Path.Combine(workingDirectory, argument));
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');

        // Relative to the repository while that stays readable (../shared/charts/x); absolute when it climbs out further.
        var recorded = relative.StartsWith("../../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        if (Directory.Exists(full))
        {
            return new ChartSource(ChartSourceKind.Directory, location, full, null, version, recorded);
        }

        if (File.Exists(full) && (full.EndsWith(".yaml", StringComparison.Ordinal) || full.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var named = name ?? Path.GetFileNameWithoutExtension(full);
            return version is null
                ? throw new InputException(SourceLocation.Flag("--version"), $"expected the version of the manifest {argument} (the upstream release it comes from, such as v1.16.2): a vendored manifest is pinned to one version")
                : !ChartManifest.IsName(named)
                    ? throw new InputException(SourceLocation.Flag(name is null ? argument : "--name"), $"'{named}' is not a name for a manifest (letters, digits, '-', '_', '.'); give one with --name")
                    : !ChartManifest.IsVersion(version)
                        ? throw new InputException(SourceLocation.Flag("--version"), $"expected a version such as v1.16.2 or 1.16.2, got '{version}'")
                        : new ChartSource(ChartSourceKind.Manifest, location, full, null, version, recorded) { Name = named };
        }

        if (File.Exists(full))
        {
            return argument.EndsWith(".tgz", StringComparison.Ordinal) || argument.EndsWith(".tar.gz", StringComparison.Ordinal)
                ? new ChartSource(ChartSourceKind.Archive, location, full, null, version, recorded)
                : throw new InputException(location, "is a file but not a .tgz or .yaml; expected a chart directory, a chart packaged by helm package (.tgz), or a YAML manifest");
        }

        throw new InputException(location, "no such file or directory; expected a chart directory, a .tgz, an oci:// reference, or a chart name with --repo URL");
    }
}
