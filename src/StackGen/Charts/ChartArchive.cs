using System.Formats.Tar;
using System.IO.Compression;
using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// Unpacks a packaged chart (NAME-VERSION.tgz, as `helm package` and `helm pull` write it: one top directory holding
/// the chart) into a directory. Only directories and regular files, inside that top directory, up to a size limit: an
/// archive is someone else's file, and may not write anywhere else or fill the disk.
/// </summary>
public static class ChartArchive
{
    /// <summary>Far above any chart (Bitnami's largest are a few MiB unpacked).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Writes the chart in <paramref name="archive"/> into <paramref name="destination"/> (which must not exist).</summary>
    /// <param name="shown">How messages name the archive.</param>
    public static void Extract(string archive, string destination, string shown)
    {
        var location = SourceLocation.File(shown);
        Directory.CreateDirectory(destination);
        string? top = null;
        long total = 0;
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }

                var name = entry.Name.Replace('\\', '/').TrimEnd('/');
                var parts = name.Split('/');
                if (name.Length == 0 || name.StartsWith('/') || parts.Any(p => p is "" or "." or ".."))
                {
                    throw new InputException(location, $"holds the path '{name}', outside the chart; expected a chart packaged by helm package");
                }

                top ??= parts[0];
                if (parts[0] != top)
                {
                    throw new InputException(location, $"holds '{parts[0]}' beside '{top}'; expected one chart directory, as helm package writes it");
                }

                var relative = string.Join('/', parts.Skip(1));
                var target = Path.Combine(destination, relative);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        if (relative.Length == 0)
                        {
                            throw new InputException(location, $"holds the file '{name}' at its top; expected a chart directory");
                        }

                        total += entry.Length;
                        if (total > MaxBytes)
                        {
                            throw new InputException(location, $"unpacks to more than {MaxBytes / 1024 / 1024} MiB; expected a Helm chart");
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: false);
                        break;
                    default:
                        throw new InputException(location, $"holds '{name}', a {entry.EntryType} entry; a vendored chart holds directories and regular files only");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InputException(location, $"is not a readable .tgz ({e.Message.TrimEnd('.')}); expected a chart packaged by helm package");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InputException(location, $"could not be unpacked: {e.Message.TrimEnd('.')}");
        }

        if (top is null)
        {
            throw new InputException(location, "is empty; expected a chart packaged by helm package");
        }
    }
}
