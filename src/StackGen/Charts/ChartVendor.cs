using StackGen.Diagnostics;
using StackGen.Objects;

namespace StackGen.Charts;

/// <summary>
/// `stackgen vendor`: brings a chart into ROOT/vendor/charts/NAME/VERSION/ with its dependencies (charts/, packaged
/// ones unpacked) and records it in vendor/vendor.lock. One version per chart name: vendoring another version
/// replaces the previous one (its directory and lock entry), so a stack names a chart, never a version. Vendoring the
/// same version again changes nothing (or restores a vendored copy that was edited); the same version with other
/// files is refused unless replacing is asked for. The chart is staged in vendor/ and moved into place, then the lock
/// is replaced by a rename: a failure leaves vendor/ as it was. An upstream YAML manifest (a release manifest, a CRD
/// bundle) is vendored the same way into vendor/manifests/NAME/VERSION/, after reading it as Kubernetes objects.
/// </summary>
public static class ChartVendor
{
    /// <param name="root">The repository root (the directory holding environments/ and vendor/).</param>
    /// <param name="shown">How messages name the source (as the user wrote it).</param>
    /// <param name="replace">Accept other files for a version already vendored (a republished chart).</param>
    /// <param name="helm">Finds helm, for a source that must be pulled; called only then.</param>
    /// <exception cref="InputException">A bad or unreachable source, a missing dependency, a refused replacement.</exception>
    public static VendorResult Vendor(string root, ChartSource source, string shown, bool replace, Func<HelmTool> helm)
    {
        var vendor = Path.Combine(root, VendorLock.DirectoryName);
        var createdVendor = !Directory.Exists(vendor);
        var staging = Path.Combine(vendor, $".staging-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            var tree = Path.Combine(staging, "chart");
            var entry = source.Kind == ChartSourceKind.Manifest ? StageManifest(source, shown, tree) : StageChart(source, shown, tree, staging, helm);
            var vendorLock = VendorLock.Read(root);
            var previous = vendorLock.Find(entry.Name, entry.IsManifest);
            var outcome = Decide(root, previous, entry, shown, replace);
            if (outcome != VendorOutcome.Unchanged)
            {
                Install(root, tree, staging, previous, vendorLock.With(entry), entry);
            }

            return new VendorResult(outcome, entry, previous?.Version != entry.Version ? previous?.Version : null);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            if (createdVendor && Directory.Exists(vendor) && !Directory.EnumerateFileSystemEntries(vendor).Any())
            {
                Directory.Delete(vendor);
            }
        }
    }

    private static VendorLockEntry StageChart(ChartSource source, string shown, string tree, string staging, Func<HelmTool> helm)
    {
        Fetch(source, shown, tree, staging, helm);
        UnpackDependencies(tree, shown);
        var manifest = ChartManifest.Read(tree, shown);
        if (source.Version is { } pinned && pinned != manifest.Version)
        {
            throw new InputException(SourceLocation.Flag($"--version {pinned}"), $"{shown} is {manifest.Name} {manifest.Version}, not {pinned}");
        }

        var dependencies = CheckDependencies(tree, shown, manifest);
        var files = TreeHash.Files(tree, shown);
        return new VendorLockEntry(manifest.Name, manifest.Version, source.Recorded, TreeHash.Of(files), dependencies, files);
    }

    /// <summary>A manifest is copied as it is, after reading it as Kubernetes objects: a bad one fails now, at its line.</summary>
    private static VendorLockEntry StageManifest(ChartSource source, string shown, string tree)
    {
        Directory.CreateDirectory(tree);
        var file = Path.Combine(tree, Path.GetFileName(source.Reference));
        File.Copy(source.Reference, file);
        Manifests.Read(File.ReadAllText(file), (_, line, column) => SourceLocation.InFile(shown, line, column));
        var files = TreeHash.Files(tree, shown);
        return new VendorLockEntry(source.Name!, source.Version!, source.Recorded, TreeHash.Of(files), [], files) { IsManifest = true };
    }

    private static VendorOutcome Decide(string root, VendorLockEntry? previous, VendorLockEntry entry, string shown, bool replace)
    {
        if (previous is null)
        {
            return VendorOutcome.Added;
        }

        if (previous.Version != entry.Version)
        {
            return VendorOutcome.VersionChanged;
        }

        if (previous.Sha256 == entry.Sha256)
        {
            return VendoredCharts.Mismatches(root, previous).Count == 0 ? VendorOutcome.Unchanged : VendorOutcome.Restored;
        }

        return replace
            ? VendorOutcome.Replaced
            : throw new InputException(
                SourceLocation.Flag(shown),
                $"{entry.Name} {entry.Version} is already vendored from {previous.Source} with other files (sha256 {previous.Sha256[..12]}..., this one {entry.Sha256[..12]}...); a released version should not change: vendor a new version, or pass --replace to take these files");
    }

    /// <summary>Copies, unpacks or pulls the chart into <paramref name="tree"/>.</summary>
    private static void Fetch(ChartSource source, string shown, string tree, string staging, Func<HelmTool> helm)
    {
        switch (source.Kind)
        {
            case ChartSourceKind.Directory:
                // Checked before copying: a directory holding vendor/ (the repository itself) would copy the copy.
                if (!File.Exists(Path.Combine(source.Reference, ChartManifest.FileName)) || (staging + "/").StartsWith(source.Reference.TrimEnd('/') + "/", StringComparison.Ordinal))
                {
                    throw new InputException(source.Location, $"has no {ChartManifest.FileName}; expected a Helm chart (a directory with Chart.yaml, or its .tgz)");
                }

                Copy(source.Reference, tree, shown);
                break;
            case ChartSourceKind.Archive:
                ChartArchive.Extract(source.Reference, tree, shown);
                break;
            case ChartSourceKind.Pull:
                var pulled = Path.Combine(staging, "pulled");
                Directory.CreateDirectory(pulled);
                string[] arguments = source.Repository is null
                    ? ["pull", source.Reference, "--version", source.Version!, "--destination", pulled]
                    : ["pull", source.Reference, "--repo", source.Repository, "--version", source.Version!, "--destination", pulled];
                var result = helm().Run(arguments, network: true);
                if (result.ExitCode != 0)
                {
                    throw new InputException(source.Location, $"could not pull the chart ({result.ErrorLine()}); vendoring from a repository needs the network, or vendor a chart directory or .tgz instead");
                }

                var archive = Directory.EnumerateFiles(pulled, "*.tgz").Order(StringComparer.Ordinal).FirstOrDefault()
                    ?? throw new InputException(source.Location, "helm pull wrote no .tgz");
                ChartArchive.Extract(archive, tree, shown);
                break;
        }
    }

    private static void Copy(string from, string to, string shown)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is not null)
            {
                var relative = Path.GetRelativePath(from, entry.FullName);
                throw new InputException(SourceLocation.File($"{shown}/{relative}"), "is a symbolic link; a vendored chart holds regular files only (copy the file it points to into the chart)");
            }

            if (entry is DirectoryInfo directory)
            {
                Copy(directory.FullName, target, $"{shown}/{entry.Name}");
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    /// <summary>
    /// Packaged dependencies (charts/NAME-VERSION.tgz, as `helm dependency build` leaves them) become directories
    /// (charts/NAME/), at every level: a review of a chart upgrade then shows the templates that changed.
    /// </summary>
    private static void UnpackDependencies(string chart, string shown)
    {
        var charts = Path.Combine(chart, "charts");
        if (!Directory.Exists(charts))
        {
            return;
        }

        foreach (var archive in Directory.EnumerateFiles(charts, "*.tgz").Order(StringComparer.Ordinal).ToArray())
        {
            var archiveShown = $"{shown}/charts/{Path.GetFileName(archive)}";
            var unpacked = Path.Combine(charts, $".unpacking-{Path.GetFileName(archive)}");
            ChartArchive.Extract(archive, unpacked, archiveShown);
            var name = ChartManifest.Read(unpacked, archiveShown).Name;
            var target = Path.Combine(charts, name);
            if (Path.Exists(target))
            {
                throw new InputException(SourceLocation.File(archiveShown), $"is chart {name}, and {shown}/charts/{name} is there too; keep one of them");
            }

            Directory.Move(unpacked, target);
            File.Delete(archive);
        }

        foreach (var dependency in Directory.EnumerateDirectories(charts).Order(StringComparer.Ordinal))
        {
            UnpackDependencies(dependency, $"{shown}/charts/{Path.GetFileName(dependency)}");
        }
    }

    /// <summary>Every dependency Chart.yaml declares must be in charts/: vendoring copies dependencies, it never fetches them.</summary>
    private static List<ChartDependency> CheckDependencies(string chart, string shown, ChartManifest manifest)
    {
        var charts = Path.Combine(chart, "charts");
        var present = Directory.Exists(charts)
            ? Directory.EnumerateDirectories(charts).Order(StringComparer.Ordinal)
                .Where(d => File.Exists(Path.Combine(d, ChartManifest.FileName)))
                .Select(d => ChartManifest.Read(d, $"{shown}/charts/{Path.GetFileName(d)}"))
                .ToList()
            : [];
        var errors = new ErrorList();
        foreach (var dependency in manifest.Dependencies)
        {
            if (present.All(p => p.Name != dependency.Name))
            {
                errors.Add(
                    SourceLocation.File($"{shown}/{ChartManifest.FileName}"),
                    $"dependency '{dependency.Name}' is not in charts/; run helm dependency build on the chart first (vendoring copies dependencies, it never fetches them)");
            }
        }

        errors.ThrowIfAny();
        return [.. present.Select(p => new ChartDependency(p.Name, p.Version, null))];
    }

    /// <summary>Moves the staged chart into vendor/charts/NAME/VERSION, then renames the new lock over the old one.</summary>
    private static void Install(string root, string tree, string staging, VendorLockEntry? previous, VendorLock vendorLock, VendorLockEntry entry)
    {
        var target = Path.Combine(root, entry.Directory);
        var aside = Path.Combine(staging, "previous");
        var kind = Path.GetDirectoryName(Path.GetDirectoryName(target))!;
        var created = new[] { kind, Path.GetDirectoryName(target)! }.Where(d => !Directory.Exists(d)).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var hadTarget = Directory.Exists(target);
        if (hadTarget)
        {
            Directory.Move(target, aside);
        }

        var lockPath = Path.Combine(root, VendorLock.DirectoryName, VendorLock.FileName);
        var newLock = Path.Combine(staging, VendorLock.FileName);
        try
        {
            Directory.Move(tree, target);
            File.WriteAllText(newLock, vendorLock.Write());
            File.Move(newLock, lockPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(target) && !Directory.Exists(tree))
            {
                Directory.Move(target, tree);
            }

            if (hadTarget)
            {
                Directory.Move(aside, target);
            }

            foreach (var directory in created.Reverse())
            {
                Directory.Delete(directory);
            }

            throw new InputException(SourceLocation.File(VendorLock.DirectoryName), $"could not write {entry.Directory} or {VendorLock.Shown}: {e.Message.TrimEnd('.')}; nothing was changed");
        }

        // The lock no longer names the previous version: its directory goes (into staging, deleted with it).
        if (previous is not null && previous.Version != entry.Version && Directory.Exists(Path.Combine(root, previous.Directory)))
        {
            Directory.Move(Path.Combine(root, previous.Directory), Path.Combine(staging, "replaced"));
        }
    }
}
