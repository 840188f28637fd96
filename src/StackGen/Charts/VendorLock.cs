using System.Text;
using System.Text.RegularExpressions;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Layering;

namespace StackGen.Charts;

/// <summary>
/// vendor/vendor.lock: the charts vendored into the repository, one version per chart name, sorted by name. YAML
/// written only by <see cref="ChartVendor"/>, deterministically (same charts, same bytes), so it diffs well in review.
/// </summary>
public sealed partial class VendorLock
{
    public const string DirectoryName = "vendor";
    public const string FileName = "vendor.lock";
    public const string Shown = $"{DirectoryName}/{FileName}";
    public const string ChartsDirectory = $"{DirectoryName}/charts";
    public const string ManifestsDirectory = $"{DirectoryName}/manifests";

    private const string Header = """
        # Written by `stackgen vendor`; do not edit (README "Vendoring Helm charts"). One entry per chart, vendored in
        # vendor/charts/NAME/VERSION/. sha256 is that directory's tree hash: the sha256 of its files' `sha256sum` lines
        # ("SHA256  PATH"), sorted by path in byte order; files lists the same lines, so a changed file can be named.
        # manifests: upstream YAML files (release manifests, CRD bundles) the same way, in vendor/manifests/NAME/VERSION/.

        """;

    public VendorLock(IEnumerable<VendorLockEntry> entries)
    {
        Entries = [.. entries.OrderBy(c => c.IsManifest).ThenBy(c => c.Name, StringComparer.Ordinal)];
        Charts = [.. Entries.Where(e => !e.IsManifest)];
        Manifests = [.. Entries.Where(e => e.IsManifest)];
    }

    /// <summary>The charts, then the manifests, each by name.</summary>
    public IReadOnlyList<VendorLockEntry> Entries { get; }

    public IReadOnlyList<VendorLockEntry> Charts { get; }

    public IReadOnlyList<VendorLockEntry> Manifests { get; }

    /// <summary>The chart of that name.</summary>
    public VendorLockEntry? this[string name] => Charts.FirstOrDefault(c => c.Name == name);

    /// <summary>The chart, or with <paramref name="manifest"/> the manifest, of that name.</summary>
    public VendorLockEntry? Find(string name, bool manifest) => (manifest ? Manifests : Charts).FirstOrDefault(c => c.Name == name);

    /// <summary>The lock with the entry added, or replacing the previous entry of its name and kind.</summary>
    public VendorLock With(VendorLockEntry entry) => new(Entries.Where(c => c.Name != entry.Name || c.IsManifest != entry.IsManifest).Append(entry));

    /// <summary>Reads ROOT/vendor/vendor.lock; an empty lock when there is none.</summary>
    public static VendorLock Read(string root)
    {
        var path = Path.Combine(root, DirectoryName, FileName);
        if (!File.Exists(path))
        {
            return new VendorLock([]);
        }

        var errors = new ErrorList();
        var document = YamlLayerReader.ReadFile(path, Shown);
        var charts = (document as MappingNode)?["charts"] as MappingNode;
        if (charts is null)
        {
            throw new InputException(document?.Location ?? SourceLocation.File(Shown), "expected a mapping with charts:, as stackgen vendor writes it; restore it from version control or re-vendor");
        }

        var entries = new List<VendorLockEntry>();
        foreach (var (section, manifest) in new[] { (charts, false), ((document as MappingNode)?["manifests"] as MappingNode, true) })
        {
            foreach (var (name, keyLocation, value) in section?.Entries ?? [])
            {
                var own = new ErrorList();
                var entry = Entry(name, keyLocation, value, own, manifest ? "manifests" : "charts");
                errors.AddRange(own);
                if (entry is not null && !own.Any)
                {
                    entries.Add(entry with { IsManifest = manifest });
                }
            }
        }

        errors.ThrowIfAny();
        return new VendorLock(entries);
    }

    /// <summary>The lock's text.</summary>
    public string Write()
    {
        var text = new StringBuilder(Header);
        text.Append(Charts.Count == 0 ? "charts: {}\n" : "charts:\n");
        Append(text, Charts);
        if (Manifests.Count > 0)
        {
            text.Append("manifests:\n");
            Append(text, Manifests);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, IReadOnlyList<VendorLockEntry> entries)
    {
        foreach (var chart in entries)
        {
            text.Append("  ").Append(Scalar(chart.Name)).Append(":\n");
            text.Append("    version: ").Append(Scalar(chart.Version)).Append('\n');
            text.Append("    source: ").Append(Scalar(chart.Source)).Append('\n');
            text.Append("    sha256: ").Append(chart.Sha256).Append('\n');
            if (chart.Dependencies.Count > 0)
            {
                text.Append("    dependencies:\n");
                foreach (var dependency in chart.Dependencies.OrderBy(d => d.Name, StringComparer.Ordinal))
                {
                    text.Append("      ").Append(Scalar(dependency.Name)).Append(": ").Append(Scalar(dependency.Version ?? "")).Append('\n');
                }
            }

            text.Append("    files:\n");
            foreach (var file in chart.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                text.Append("      ").Append(Scalar(file.Path)).Append(": ").Append(file.Sha256).Append('\n');
            }
        }
    }

    private static string Scalar(string text) => YamlScalars.IsPlainSafe(text) ? text : YamlScalars.DoubleQuoted(text);

    private static VendorLockEntry? Entry(string name, SourceLocation location, SettingNode value, ErrorList errors, string section)
    {
        var fix = $"restore vendor/vendor.lock from version control or re-vendor the {(section == "charts" ? "chart" : "manifest")}";
        if (!ChartManifest.IsName(name))
        {
            errors.Add(location, $"{section}.{name}: not a chart name; {fix}");
        }

        if (value is not MappingNode entry)
        {
            errors.Add(value.Location, $"{section}.{name}: expected a mapping with version, source, sha256 and files; {fix}");
            return null;
        }

        string? Required(string key, Func<string, bool> valid, string expected)
        {
            if (entry[key] is ScalarNode { IsNull: false } scalar && valid(scalar.Text))
            {
                return scalar.Text;
            }

            errors.Add(entry[key]?.Location ?? entry.Location, $"{section}.{name}.{key}: expected {expected}; {fix}");
            return null;
        }

        var version = Required("version", ChartManifest.IsVersion, "the chart's version");
        var source = Required("source", s => s.Length > 0, "where the chart was vendored from");
        var sha256 = Required("sha256", IsSha256, "a sha256 in lower-case hex");
        var dependencies = new List<ChartDependency>();
        if (entry["dependencies"] is MappingNode listed)
        {
            dependencies.AddRange(listed.Entries.Select(d => new ChartDependency(d.Key, (d.Value as ScalarNode)?.Text, null)));
        }

        var files = new List<FileDigest>();
        if (entry["files"] is MappingNode digests)
        {
            foreach (var (path, _, digest) in digests.Entries)
            {
                if (digest is ScalarNode scalar && IsSha256(scalar.Text))
                {
                    files.Add(new FileDigest(path, scalar.Text));
                }
                else
                {
                    errors.Add(digest.Location, $"{section}.{name}.files.{path}: expected a sha256 in lower-case hex; {fix}");
                }
            }
        }
        else
        {
            errors.Add(entry["files"]?.Location ?? entry.Location, $"{section}.{name}.files: expected a mapping of every file to its sha256; {fix}");
        }

        if (errors.Any || version is null || source is null || sha256 is null)
        {
            return null;
        }

        if (TreeHash.Of(files) != sha256)
        {
            errors.Add(entry["sha256"]!.Location, $"{section}.{name}: the files listed do not add up to sha256 (the lock was edited by hand); {fix}");
            return null;
        }

        return new VendorLockEntry(name, version, source, sha256, dependencies, files) { Location = location };
    }

    private static bool IsSha256(string text) => Sha256().IsMatch(text);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
