using System.Formats.Tar;
using System.IO.Compression;
using StackGen.Charts;
using StackGen.Diagnostics;

namespace StackGen.Tests.Support;

/// <summary>The project's own fixture charts (Fixtures/Charts/), copies of them to edit, and the helm the tests run.</summary>
public static class ChartFixtures
{
    /// <summary>queue 1.0.0: values.schema.json, the dependency naming 0.3.0 in charts/, a pre-install hook, a CRD, _helpers.tpl.</summary>
    public static string Queue => Path.Combine(Repository.TestsDirectory, "Fixtures", "Charts", "queue");

    /// <summary>legacy 0.1.0: a Helm 2 chart without values.schema.json rendering an apps/v1beta1 StatefulSet without a selector.</summary>
    public static string Legacy => Path.Combine(Repository.TestsDirectory, "Fixtures", "Charts", "legacy");

    /// <summary>The helm CI installs (tools/install-helm); a clear failure when it is missing, never a skip.</summary>
    public static HelmTool Helm()
    {
        try
        {
            return HelmTool.Find(Repository.Root, SourceLocation.Flag("tests"));
        }
        catch (InputException e)
        {
            Assert.Fail($"helm is not installed: run tools/install-helm from the repository root (CI does). {e.Message}");
            throw;
        }
    }

    /// <summary>
    /// Makes the helm the tests run (see <see cref="Helm"/>) the one a scratch repository finds (its .tools/bin/helm, a
    /// symbolic link), as a checkout that ran tools/install-helm has it: the CLI renders charts there without PATH.
    /// </summary>
    public static void InstallHelm(string root)
    {
        var link = Path.Combine(root, HelmTool.RepositoryInstall);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Helm().FilePath);
    }

    /// <summary>A copy of a directory in a new temporary directory, to edit.</summary>
    public static string CopyOf(string chart, string into)
    {
        var target = Path.Combine(into, Path.GetFileName(chart));
        foreach (var file in Directory.EnumerateFiles(chart, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(chart, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Packs a chart directory as helm package does: NAME/... in a gzipped tar.</summary>
    public static void Pack(string chart, string archive, string top)
    {
        using var file = File.Create(archive);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var path in Directory.EnumerateFiles(chart, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            writer.WriteEntry(path, $"{top}/{Path.GetRelativePath(chart, path).Replace('\\', '/')}");
        }
    }
}
