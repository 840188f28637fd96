using System.Formats.Tar;
using System.IO.Compression;
using StackGen.Charts;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

public sealed class VendorCommandTests : IDisposable
{
    private readonly ScratchRepository _repository = new();
    private readonly string _sources = Directory.CreateTempSubdirectory("stackgen-charts-").FullName;

    private string LockText => File.ReadAllText(Path.Combine(_repository.Root, "vendor", "vendor.lock"));

    [Fact]
    public void Vendoring_a_chart_directory_copies_it_with_its_dependency_and_locks_its_tree_hash()
    {
        var run = CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("vendored queue 1.0.0 into vendor/charts/queue/1.0.0 (sha256 ", run.Out);
        var vendored = Path.Combine(_repository.Root, "vendor", "charts", "queue", "1.0.0");
        var files = TreeHash.Files(vendored, "vendored");
        Assert.Equal(TreeHash.Files(ChartFixtures.Queue, "fixture"), files);
        Assert.Contains("charts/naming/templates/_names.tpl", files.Select(f => f.Path));
        var entry = Assert.Single(VendorLock.Read(_repository.Root).Charts);
        Assert.Equal(("queue", "1.0.0", TreeHash.Of(files)), (entry.Name, entry.Version, entry.Sha256));
        Assert.Equal("naming 0.3.0", Assert.Single(entry.Dependencies.Select(d => $"{d.Name} {d.Version}")));
    }

    [Fact]
    public void The_tree_hash_is_the_sha256_of_the_files_sha256sum_lines_sorted_by_path()
    {
        var tree = Directory.CreateDirectory(Path.Combine(_sources, "tree")).FullName;
        Directory.CreateDirectory(Path.Combine(tree, "b"));
        File.WriteAllText(Path.Combine(tree, "b", "x.txt"), "x\n");
        File.WriteAllText(Path.Combine(tree, "a.txt"), "a\n");

        var files = TreeHash.Files(tree, "tree");

        // What `printf 'a\n' | sha256sum` and so on print: the lines, and the sha256 of the lines.
        Assert.Equal(
            "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n" +
            "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac  b/x.txt\n",
            TreeHash.Listing(files));
        Assert.Equal("bc4658df991b29726c55321b7f7d5bfebd4ac5fc0c52ee8ac44a662ea9db4bea", TreeHash.Of(files));
    }

    [Fact]
    public void Vendoring_the_same_version_again_changes_nothing()
    {
        CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);
        var before = LockText;

        var run = CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("queue 1.0.0 is already vendored with the same files; nothing changed\n", run.Out);
        Assert.Equal(before, LockText);
    }

    [Fact]
    public void Another_version_replaces_the_previous_one_directory_and_lock_entry()
    {
        CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);
        var next = WithVersion("1.1.0");

        var run = CliRun.In(_repository.Root, "vendor", next);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("vendored queue 1.1.0 into vendor/charts/queue/1.1.0, replacing 1.0.0", run.Out);
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "vendor", "charts", "queue", "1.0.0")));
        Assert.Equal("1.1.0", Assert.Single(VendorLock.Read(_repository.Root).Charts).Version);
        Assert.Empty(VendoredCharts.Mismatches(_repository.Root, VendorLock.Read(_repository.Root).Charts[0]));
    }

    [Fact]
    public void The_same_version_with_other_files_is_refused_unless_replace_is_given()
    {
        CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);
        var changed = ChartFixtures.CopyOf(ChartFixtures.Queue, _sources);
        File.AppendAllText(Path.Combine(changed, "values.yaml"), "extra: true\n");
        var before = LockText;

        var refused = CliRun.In(_repository.Root, "vendor", changed);
        BadInput.AssertOneErrorMatching(refused, "^.*queue: error: queue 1.0.0 is already vendored from .* with other files .*pass --replace to take these files$");
        Assert.Equal(before, LockText);

        var replaced = CliRun.In(_repository.Root, "vendor", changed, "--replace");
        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("extra: true", File.ReadAllText(Path.Combine(_repository.Root, "vendor", "charts", "queue", "1.0.0", "values.yaml")));
    }

    [Fact]
    public void A_packaged_chart_is_unpacked_and_so_are_its_packaged_dependencies()
    {
        var chart = ChartFixtures.CopyOf(ChartFixtures.Queue, _sources);
        var naming = Path.Combine(chart, "charts", "naming");
        ChartFixtures.Pack(naming, Path.Combine(chart, "charts", "naming-0.3.0.tgz"), "naming");
        Directory.Delete(naming, recursive: true);
        var archive = Path.Combine(_sources, "queue-1.0.0.tgz");
        ChartFixtures.Pack(chart, archive, "queue");

        var run = CliRun.In(_repository.Root, "vendor", archive);

        Assert.Equal(0, run.ExitCode);
        var vendored = Path.Combine(_repository.Root, "vendor", "charts", "queue", "1.0.0");
        Assert.Equal(TreeHash.Files(ChartFixtures.Queue, "fixture"), TreeHash.Files(vendored, "vendored"));
    }

    [Fact]
    public void A_declared_dependency_missing_from_charts_is_an_error_naming_chart_yaml()
    {
        var chart = ChartFixtures.CopyOf(ChartFixtures.Queue, _sources);
        Directory.Delete(Path.Combine(chart, "charts"), recursive: true);

        var run = CliRun.In(_repository.Root, "vendor", chart);

        BadInput.AssertOneErrorMatching(run, "^.*/queue/Chart.yaml: error: dependency 'naming' is not in charts/; run helm dependency build on the chart first");
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "vendor")));
    }

    [Fact]
    public void An_archive_reaching_outside_its_chart_is_refused_and_nothing_is_written()
    {
        var archive = Path.Combine(_sources, "evil.tgz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "queue/../../escaped.txt") { DataStream = new MemoryStream("x"u8.ToArray()) };
            writer.WriteEntry(entry);
        }

        var run = CliRun.In(_repository.Root, "vendor", archive);

        BadInput.AssertOneErrorMatching(run, "evil.tgz: error: holds the path 'queue/../../escaped.txt', outside the chart");
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "vendor")));
        Assert.False(File.Exists(Path.Combine(_repository.Root, "escaped.txt")));
    }

    [Fact]
    public void Pulling_from_an_unreachable_registry_is_one_line_saying_so()
    {
        UseRepositoryHelm();

        // Port 1 on the loopback address: nothing listens, the connection is refused at once.
        var run = CliRun.In(_repository.Root, "vendor", "oci://127.0.0.1:1/charts/queue", "--version", "1.0.0");

        BadInput.AssertOneErrorMatching(run, "^oci://127.0.0.1:1/charts/queue: error: could not pull the chart \\(.+\\); vendoring from a repository needs the network");
    }

    [Fact]
    public void A_chart_in_a_repository_is_pulled_with_helm_and_locked_with_its_source()
    {
        UseRepositoryHelm();
        var archive = Path.Combine(_sources, "queue-1.0.0.tgz");
        ChartFixtures.Pack(ChartFixtures.Queue, archive, "queue");
        using var server = new ChartRepositoryServer(archive);

        var run = CliRun.In(_repository.Root, "vendor", "queue", "--repo", server.Url, "--version", "1.0.0");

        Assert.True(run.ExitCode == 0, run.Error);
        var entry = Assert.Single(VendorLock.Read(_repository.Root).Charts);
        Assert.Equal($"--repo {server.Url} queue", entry.Source);
        Assert.Equal(TreeHash.Files(ChartFixtures.Queue, "fixture"), entry.Files);
    }

    [Fact]
    public void A_lock_that_cannot_be_written_leaves_vendor_as_it_was()
    {
        // A directory where the lock goes: the rename over it fails after the chart was moved into place.
        Directory.CreateDirectory(Path.Combine(_repository.Root, "vendor", "vendor.lock"));

        var run = CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);

        BadInput.AssertOneErrorMatching(run, "^vendor: error: could not write vendor/charts/queue/1.0.0 or vendor/vendor.lock: .*; nothing was changed$");
        Assert.Equal(["vendor/vendor.lock"], Directory.EnumerateFileSystemEntries(Path.Combine(_repository.Root, "vendor"), "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(_repository.Root, e)));
    }

    [Fact]
    public void A_directory_that_is_not_a_chart_is_refused_before_anything_is_copied()
    {
        var run = CliRun.In(_repository.Root, "vendor", ".");

        BadInput.AssertOneError(run, ".: error: has no Chart.yaml; expected a Helm chart");
    }

    [Fact]
    public void Pulling_needs_a_version()
    {
        var run = CliRun.In(_repository.Root, "vendor", "oci://127.0.0.1:1/charts/queue");

        BadInput.AssertOneError(run, "--version: error: expected the version of oci://127.0.0.1:1/charts/queue to vendor");
    }

    /// <summary>The scratch repository's own install is the checkout's helm, as tools/install-helm would leave it.</summary>
    private void UseRepositoryHelm()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_repository.Root, ".tools", "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "helm"), ChartFixtures.Helm().FilePath);
    }

    private string WithVersion(string version)
    {
        var chart = ChartFixtures.CopyOf(ChartFixtures.Queue, Directory.CreateDirectory(Path.Combine(_sources, version)).FullName);
        var manifest = Path.Combine(chart, "Chart.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("version: 1.0.0", $"version: {version}", StringComparison.Ordinal));
        return chart;
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_sources, recursive: true);
    }
}
