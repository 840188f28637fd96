namespace StackGen.Apply.History;

/// <summary>
/// The git commit a directory is checked out at, read from .git directly (HEAD, loose refs, packed-refs,
/// worktree gitdir files): no git binary needed on the operator's machine.
/// </summary>
public static class SourceCommit
{
    public static string? Find(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return Read(dotGit);
            }

            if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return Read(Path.GetFullPath(pointer["gitdir:".Length..].Trim(), current.FullName));
            }
        }

        return null;
    }

    private static string? Read(string gitDirectory)
    {
        var headFile = Path.Combine(gitDirectory, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }

        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsHash(head) ? head : null;
        }

        var reference = head["ref:".Length..].Trim();

        // A linked worktree keeps its HEAD but shares refs with the main repository (named in commondir).
        var common = File.Exists(Path.Combine(gitDirectory, "commondir"))
            ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDirectory, "commondir")).Trim(), gitDirectory)
            : gitDirectory;
        foreach (var root in new[] { gitDirectory, common }.Distinct())
        {
            var loose = Path.Combine(root, reference.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var hash && IsHash(hash))
            {
                return hash;
            }

            var packed = Path.Combine(root, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    var parts = line.Split(' ', 2);
                    if (parts.Length == 2 && parts[1].Trim() == reference && IsHash(parts[0]))
                    {
                        return parts[0];
                    }
                }
            }
        }

        // A branch with no commits yet.
        return null;
    }

    private static bool IsHash(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
