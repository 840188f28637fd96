using System.Security.Cryptography;
using System.Text;
using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// The canonical hash of a directory tree, as vendor/vendor.lock records it: every regular file's line
/// "SHA256  PATH\n" (lower-case hex, two spaces, the path relative to the tree with '/' separators), the lines sorted by
/// path in byte order, and the sha256 of those lines. It is what
/// <c>find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum</c> prints in the tree, so
/// anyone can check a lock entry without StackGen. Directories and file modes are not part of it: git keeps neither.
/// </summary>
public static class TreeHash
{
    /// <summary>Every regular file under <paramref name="directory"/>, sorted by path.</summary>
    /// <param name="shown">How messages name the directory ("vendor/charts/x/1.0.0").</param>
    /// <exception cref="InputException">A symbolic link or a path no sha256sum line can carry.</exception>
    public static IReadOnlyList<FileDigest> Files(string directory, string shown)
    {
        var files = new List<FileDigest>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(directory, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                throw new InputException(SourceLocation.File($"{shown}/{relative}"), "is a symbolic link; a vendored chart holds regular files only (copy the file it points to into the chart)");
            }

            if (entry is DirectoryInfo)
            {
                continue;
            }

            CheckPath(relative, shown);
            files.Add(new FileDigest(relative, Of(entry.FullName)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>The tree hash of files (in any order).</summary>
    public static string Of(IEnumerable<FileDigest> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Listing(files))));

    /// <summary>The lines the tree hash is the sha256 of, sorted by path.</summary>
    public static string Listing(IEnumerable<FileDigest> files)
    {
        var listing = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            listing.Append(file.Sha256).Append("  ").Append(file.Path).Append('\n');
        }

        return listing.ToString();
    }

    /// <summary>The sha256 of a file's bytes, lower-case hex.</summary>
    public static string Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>sha256sum escapes a path with a backslash or a line break; the listing must read the same in both.</summary>
    private static void CheckPath(string relative, string shown)
    {
        if (relative.Contains('\\', StringComparison.Ordinal) || Unprintable.IndexIn(relative) >= 0)
        {
            throw new InputException(SourceLocation.File($"{shown}/{relative}"), "has a backslash or a control character in its name; rename it (a vendored chart's file names must be plain)");
        }
    }
}
