using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// The tamper check: a vendored chart is used only while its files are exactly those vendor/vendor.lock lists. A file
/// edited, added or removed since vendoring is an input error naming it (exit 2), never a silently different render.
/// </summary>
public static class VendoredCharts
{
    /// <summary>The vendored chart named, after checking its files against the lock.</summary>
    /// <param name="root">The repository root (the directory holding vendor/).</param>
    /// <param name="usedAt">Where the chart is asked for (a stack, a flag), for the error when it is not vendored.</param>
    /// <exception cref="InputException">Not vendored, or its files do not match the lock (every mismatch, one line each).</exception>
    public static VendoredChart Find(string root, string name, SourceLocation? usedAt = null) => Find(root, name, usedAt, manifest: false);

    /// <summary>The vendored manifest named (vendor/manifests/NAME/VERSION), after checking its files against the lock.</summary>
    /// <exception cref="InputException">Not vendored, or its files do not match the lock.</exception>
    public static VendoredChart FindManifest(string root, string name, SourceLocation? usedAt = null) => Find(root, name, usedAt, manifest: true);

    private static VendoredChart Find(string root, string name, SourceLocation? usedAt, bool manifest)
    {
        var vendorLock = VendorLock.Read(root);
        var entries = manifest ? vendorLock.Manifests : vendorLock.Charts;
        var how = manifest ? "stackgen vendor FILE.yaml --version V [--name NAME]" : "stackgen vendor CHART_DIR|CHART.tgz";
        var entry = vendorLock.Find(name, manifest) ?? throw new InputException(
            usedAt ?? SourceLocation.File(VendorLock.Shown),
            $"{(manifest ? "manifest" : "chart")} '{name}' is not vendored{Suggestions.DidYouMean(name, entries.Select(c => c.Name))} (vendored: {Listing(entries)}); vendor it with {how}");
        var errors = Mismatches(root, entry);
        return errors.Count > 0 ? throw new InputException(errors) : new VendoredChart(Path.Combine(root, entry.Directory), entry);
    }

    /// <summary>
    /// Every chart the lock lists, checked; and nothing in vendor/charts/ that the lock does not list (a chart copied in
    /// by hand, or a version left behind).
    /// </summary>
    public static IReadOnlyList<VendoredChart> VerifyAll(string root)
    {
        var vendorLock = VendorLock.Read(root);
        var errors = new ErrorList();
        foreach (var entry in vendorLock.Entries)
        {
            errors.AddRange(Mismatches(root, entry));
        }

        foreach (var (kind, manifest) in new[] { (VendorLock.ChartsDirectory, false), (VendorLock.ManifestsDirectory, true) })
        {
            var top = Path.Combine(root, kind);
            if (!Directory.Exists(top))
            {
                continue;
            }

            foreach (var directory in Directory.EnumerateDirectories(top).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                var locked = vendorLock.Find(name, manifest);
                foreach (var version in Directory.EnumerateDirectories(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                {
                    if (locked?.Version != version && !version!.StartsWith('.'))
                    {
                        errors.Add(
                            SourceLocation.File($"{kind}/{name}/{version}"),
                            $"not in {VendorLock.Shown}{(locked is not null ? $" (which has {name} {locked.Version})" : "")}; vendor it with stackgen vendor, or remove the directory");
                    }
                }
            }
        }

        errors.ThrowIfAny();
        return [.. vendorLock.Entries.Select(entry => new VendoredChart(Path.Combine(root, entry.Directory), entry))];
    }

    /// <summary>Every difference between the chart's directory and its lock entry, by path; empty when they match.</summary>
    public static IReadOnlyList<InputError> Mismatches(string root, VendorLockEntry entry)
    {
        var directory = Path.Combine(root, entry.Directory);
        var revendor = $"re-vendor (stackgen vendor {entry.Source})";
        if (!Directory.Exists(directory))
        {
            return [new InputError(SourceLocation.File(entry.Directory), $"missing: {VendorLock.Shown} lists {entry.Name} {entry.Version}; {revendor} or restore the directory")];
        }

        IReadOnlyList<FileDigest> actual;
        try
        {
            actual = TreeHash.Files(directory, entry.Directory);
        }
        catch (InputException e)
        {
            return e.Errors;
        }

        if (TreeHash.Of(actual) == entry.Sha256)
        {
            return [];
        }

        var locked = entry.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var present = actual.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var since = $"since {entry.Name} {entry.Version} was vendored";
        return [.. locked.Keys.Union(present.Keys).Order(StringComparer.Ordinal).Select(path => (path, Message: (locked.GetValueOrDefault(path), present.GetValueOrDefault(path)) switch
            {
                (null, _) => $"added {since}: the file does not match {VendorLock.Shown}, which does not list it; {revendor} or remove it",
                (_, null) => $"removed {since}: the chart does not match {VendorLock.Shown}, which lists it; {revendor} or restore it",
                var (expected, found) when expected != found => $"changed {since}: its sha256 does not match {VendorLock.Shown}; {revendor} or revert it",
                _ => null,
            }))
            .Where(m => m.Message is not null)
            .Select(m => new InputError(SourceLocation.File($"{entry.Directory}/{m.path}"), m.Message!))];
    }

    private static string Listing(IReadOnlyList<VendorLockEntry> entries) =>
        entries.Count == 0 ? "none" : string.Join(", ", entries.Select(c => $"{c.Name} {c.Version}"));
}
