using StackGen.Diagnostics;
using StackGen.Rendering;

namespace StackGen.Emitting;

/// <summary>
/// Writes a render as one file per object, DIR/ENV/STACK/KIND-NAME.yaml, replacing the previous render of that
/// environment in one step. It replaces only a directory it wrote itself: DIR/ENV/.stackgen-output lists every file
/// of a render (written last), and a DIR/ENV holding anything else is refused. The new tree is written beside the
/// old one and swapped in; after any failure DIR is as it was, with no staging tree left behind.
/// </summary>
public static class OutputDirectory
{
    /// <summary>The manifest in DIR/ENV: its header line, then every file of the render ("stack/kind-name.yaml").</summary>
    public const string ManifestName = ".stackgen-output";

    private const string ManifestHeader = "# written by stackgen render: the files below; StackGen replaces this directory only while it holds nothing else";

    // An export's manifest names it, so a later run can tell an argocd or flux tree from a plain one (the plain header is unchanged).
    private const string ExportHeaderStart = "# written by stackgen render --for ";
    private const string ExportHeaderEnd = ": the files below; StackGen replaces this directory only while it holds nothing else";

    /// <param name="directory">DIR as the user gave it (--output), resolved against <paramref name="workingDirectory"/>.</param>
    /// <param name="stacks">The stacks rendered; other stacks' files from the previous render are kept.</param>
    /// <param name="workingDirectory">Where relative paths start; the process's when null.</param>
    /// <param name="sources">The directory the render was read from (environments/): DIR may not be in it.</param>
    /// <param name="fileSystem">The file system changed; the real one when null.</param>
    /// <exception cref="InputException">DIR cannot hold the render, or DIR/ENV is not a directory StackGen wrote (exit 2).</exception>
    /// <exception cref="OutputFailedException">The file system refused a change; DIR is as it was (exit 1).</exception>
    public static void Write(
        string directory,
        string environment,
        IReadOnlyList<RenderedObject> objects,
        IReadOnlyCollection<string> stacks,
        string? workingDirectory = null,
        string? sources = null,
        IOutputFileSystem? fileSystem = null) =>
        Write(directory, environment, OutputTree.Plain(objects), stacks, workingDirectory, sources, fileSystem);

    /// <summary>Writes <paramref name="tree"/> (a plain render or an export of it) as <see cref="Write(string, string, IReadOnlyList{RenderedObject}, IReadOnlyCollection{string}, string?, string?, IOutputFileSystem?)"/> writes a render.</summary>
    public static void Write(
        string directory,
        string environment,
        OutputTree tree,
        IReadOnlyCollection<string> stacks,
        string? workingDirectory = null,
        string? sources = null,
        IOutputFileSystem? fileSystem = null)
    {
        var fs = fileSystem ?? LocalOutputFileSystem.Instance;
        var (flag, start, root, show) = Resolve(directory, workingDirectory);
        var target = Path.Combine(root, environment);
        var shown = show(target);
        var (missing, kept) = Prepare(fs, root, target, stacks, tree.Export, sources, flag, show);

        var staging = Path.Combine(root, $".{environment}.staging-{Environment.ProcessId}");
        var created = new List<string>();
        string previous;
        try
        {
            foreach (var ancestor in missing)
            {
                fs.CreateDirectory(ancestor);
                created.Add(ancestor);
            }

            fs.CreateDirectory(staging);
            created.Add(staging);
            WriteTree(fs, staging, target, kept ?? [], tree);
            previous = Swap(fs, staging, target, kept is not null, flag, show);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var cleanup = Undo(fs, created, show);
            throw new OutputFailedException(new InputError(flag, $"could not write {shown}: {e.Message.Replace(start + "/", "", StringComparison.Ordinal).TrimEnd('.')}; {cleanup}"), e);
        }

        try
        {
            DeleteTree(fs, previous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailedException(
                new InputError(flag, $"{shown} holds the new render, but the previous one could not be removed from {show(previous)} ({e.Message}); delete it by hand"),
                e);
        }

        RemoveLeftovers(fs, root, environment);
    }

    /// <summary>
    /// Every refusal of <see cref="Write"/> (it throws the same exceptions) without writing anything: render --all-envs
    /// checks every environment's DIR/ENV before it writes the first.
    /// </summary>
    /// <param name="export">The export to be written (<see cref="OutputTree.Export"/>).</param>
    public static void CheckWritable(
        string directory,
        string environment,
        IReadOnlyCollection<string> stacks,
        string? workingDirectory = null,
        string? sources = null,
        IOutputFileSystem? fileSystem = null,
        string? export = null)
    {
        var (flag, _, root, show) = Resolve(directory, workingDirectory);
        _ = Prepare(fileSystem ?? LocalOutputFileSystem.Instance, root, Path.Combine(root, environment), stacks, export, sources, flag, show);
    }

    /// <summary>What Write checks before it changes anything; the directories to create and the files to keep.</summary>
    private static (List<string> Missing, List<string>? Kept) Prepare(
        IOutputFileSystem fs,
        string root,
        string target,
        IReadOnlyCollection<string> stacks,
        string? export,
        string? sources,
        SourceLocation flag,
        Func<string, string> show)
    {
        var shown = show(target);
        if (sources is not null && Path.GetFullPath(sources).TrimEnd('/') is var inputs && (root + "/").StartsWith(inputs + "/", StringComparison.Ordinal))
        {
            throw new InputException(flag, $"{show(root)} is {(root == inputs ? "" : "inside ")}{show(inputs)}/, the environment files StackGen renders from; choose a directory outside it, such as rendered/");
        }

        var missing = CheckRoot(root, flag, show);
        List<string>? kept;
        try
        {
            kept = CheckTarget(target, shown, stacks, export, flag);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailedException(new InputError(flag, $"could not read {shown}: {e.Message}; nothing was written"), e);
        }

        string[] mustBeWritable = missing.Count > 0 ? [] : kept is null ? [root] : [root, .. ExistingTree(target)];
        if (mustBeWritable.FirstOrDefault(d => !fs.IsWritable(d)) is { } readOnly)
        {
            throw new OutputFailedException(new InputError(flag, $"{show(readOnly)} is read-only, so {shown} cannot be {(kept is null ? "written" : "replaced")}; nothing was written"));
        }

        return (missing, kept);
    }

    /// <summary>"statefulset-rabbitmq.yaml".</summary>
    public static string FileName(RenderedObject rendered) => $"{rendered.Kind.ToLowerInvariant()}-{rendered.Name}.yaml";

    /// <summary>
    /// Every file a render leaves in DIR/ENV, its path relative to DIR/ENV: the kept files and one file per object in
    /// path order, then the manifest that lists them. <see cref="Write"/> writes exactly this; <see cref="Compare"/>
    /// compares DIR/ENV with it.
    /// </summary>
    /// <param name="kept">The files of stacks not rendered this time, path → content.</param>
    public static IReadOnlyList<OutputFile> Layout(IReadOnlyList<RenderedObject> objects, IReadOnlyDictionary<string, string> kept) =>
        Layout(OutputTree.Plain(objects), kept);

    /// <summary>Every file <paramref name="tree"/> leaves in DIR/ENV, as <see cref="Layout(IReadOnlyList{RenderedObject}, IReadOnlyDictionary{string, string})"/>.</summary>
    public static IReadOnlyList<OutputFile> Layout(OutputTree tree, IReadOnlyDictionary<string, string> kept)
    {
        var files = new SortedDictionary<string, string>(kept.ToDictionary(), StringComparer.Ordinal);
        foreach (var (path, content) in tree.Files)
        {
            files[path] = content;
        }

        return [.. files.Select(file => new OutputFile(file.Key, file.Value)), new OutputFile(ManifestName, string.Join('\n', [Header(tree.Export), .. files.Keys]) + "\n")];
    }

    /// <summary>The manifest's first line for a plain render (null) or an export.</summary>
    private static string Header(string? export) => export is null ? ManifestHeader : ExportHeaderStart + export + ExportHeaderEnd;

    private static bool IsHeader(string? line) =>
        line == ManifestHeader || (line is not null && line.StartsWith(ExportHeaderStart, StringComparison.Ordinal) && line.EndsWith(ExportHeaderEnd, StringComparison.Ordinal));

    /// <summary>
    /// `render --check`: every file where DIR/ENV differs from what <see cref="Write"/> would leave there (changed,
    /// missing or extra), in path order; none when it holds exactly the render. Reads only: nothing is written.
    /// </summary>
    /// <returns>The differences, and DIR/ENV as the user reads it (relative to where they are, or absolute).</returns>
    /// <exception cref="InputException">DIR is empty or DIR/ENV is not a directory, or it cannot be read (exit 2).</exception>
    public static (IReadOnlyList<OutputDrift> Drift, string Shown) Compare(
        string directory,
        string environment,
        IReadOnlyList<RenderedObject> objects,
        IReadOnlyCollection<string> stacks,
        string? workingDirectory = null) =>
        Compare(directory, environment, OutputTree.Plain(objects), stacks, workingDirectory);

    /// <summary>`render --check` of a plain render or an export, as <see cref="Compare(string, string, IReadOnlyList{RenderedObject}, IReadOnlyCollection{string}, string?)"/>.</summary>
    public static (IReadOnlyList<OutputDrift> Drift, string Shown) Compare(
        string directory,
        string environment,
        OutputTree tree,
        IReadOnlyCollection<string> stacks,
        string? workingDirectory = null)
    {
        var (flag, _, root, show) = Resolve(directory, workingDirectory);
        var target = Path.Combine(root, environment);
        var shown = show(target);
        if (File.Exists(target))
        {
            throw new InputException(flag, $"{shown} is a file, not a directory stackgen render wrote; choose the --output the render was written to");
        }

        Dictionary<string, string> current;
        try
        {
            current = Directory.Exists(target)
                ? Directory.EnumerateFiles(target, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
                    .ToDictionary(file => Path.GetRelativePath(target, file).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal)
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(flag, $"could not read {shown}: {e.Message}");
        }

        // As Write keeps them: the files its manifest lists for the stacks not rendered this time (a tree written for
        // another export keeps nothing: Write refuses to mix them, and the diff shows every file that would change).
        var listed = current.TryGetValue(ManifestName, out var manifest) && manifest.Split('\n') is [var header, .. var files] && header == Header(tree.Export) ? files : [];
        var kept = listed.Where(file => stacks.Count > 0 && !stacks.Contains(file.Split('/')[0]) && current.ContainsKey(file))
            .ToDictionary(file => file, file => current[file], StringComparer.Ordinal);
        var expected = Layout(tree, kept).ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal);
        var drift = current.Keys.Union(expected.Keys)
            .Order(StringComparer.Ordinal)
            .Select(file => new OutputDrift(file, current.GetValueOrDefault(file), expected.GetValueOrDefault(file)))
            .Where(file => file.Current != file.Rendered)
            .ToList();
        return (drift, shown);
    }

    /// <summary>--output as a flag for messages, the directory it names, and how a path under it is shown.</summary>
    private static (SourceLocation Flag, string Start, string Root, Func<string, string> Show) Resolve(string directory, string? workingDirectory)
    {
        var flag = SourceLocation.Flag($"--output {(directory.Length == 0 ? "\"\"" : directory)}");
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new InputException(flag, "expected a directory, got an empty path; write --output . for the working directory");
        }

        var start = workingDirectory ?? Environment.CurrentDirectory;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(start, directory)));

        // Paths in messages read as the user wrote --output: relative to where they are, or absolute.
        return (flag, start, root, path => Path.IsPathRooted(directory) ? path : Path.GetRelativePath(start, path));
    }

    /// <summary>The directories to create, outermost first, when DIR does not exist yet.</summary>
    private static List<string> CheckRoot(string root, SourceLocation flag, Func<string, string> show)
    {
        if (Path.GetPathRoot(root) == root)
        {
            throw new InputException(flag, "the root of the file system is not an output directory; name a directory such as rendered/");
        }

        var missing = new List<string>();
        var existing = root;
        while (!Path.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            missing.Insert(0, existing);
            existing = parent;
        }

        if (!Directory.Exists(existing))
        {
            throw new InputException(flag, existing == root
                ? $"{show(root)} is not a directory; choose a directory for the render"
                : $"{show(existing)} is a file, so {show(root)} cannot be a directory under it; choose another --output");
        }

        return missing;
    }

    /// <summary>
    /// The files of DIR/ENV to keep (the stacks not rendered this time), or null when DIR/ENV does not exist; refuses a
    /// DIR/ENV that is not a directory StackGen wrote, naming the first thing in it that StackGen did not write.
    /// </summary>
    private static List<string>? CheckTarget(string target, string shown, IReadOnlyCollection<string> stacks, string? export, SourceLocation flag)
    {
        var info = new DirectoryInfo(target);
        if (!Path.Exists(target) && info.LinkTarget is null)
        {
            return null;
        }

        var refusal = $"StackGen replaces only a directory it wrote (listed in {ManifestName}); move it away or choose another --output";
        if (info.LinkTarget is not null || !info.Exists)
        {
            throw new InputException(flag, $"{shown} is {(info.LinkTarget is null ? "a file" : "a symbolic link")}, not a directory StackGen wrote; {refusal}");
        }

        var entries = info.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(entry => (Entry: entry, Relative: Path.GetRelativePath(target, entry.FullName).Replace('\\', '/')))
            .OrderBy(e => e.Relative, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            return [];
        }

        var manifest = Path.Combine(target, ManifestName);
        var listed = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        if (!IsHeader(listed.FirstOrDefault()))
        {
            throw new InputException(flag, $"{shown} was not written by stackgen render (it has no {ManifestName}); {refusal}");
        }

        var files = listed.Skip(1).ToHashSet(StringComparer.Ordinal);
        foreach (var (entry, relative) in entries)
        {
            // A directory below a stack's (an export's hook phase) is ours while a listed file is in it.
            var ours = entry.LinkTarget is null && (relative == ManifestName
                ? entry is FileInfo
                : entry is FileInfo ? files.Contains(relative) : !relative.Contains('/', StringComparison.Ordinal) || files.Any(f => f.StartsWith(relative + "/", StringComparison.Ordinal)));
            if (!ours)
            {
                throw new InputException(flag, $"{shown}/{relative} was not written by stackgen render (it is not in {shown}/{ManifestName}); {refusal}");
            }
        }

        if (stacks.Count > 0 && listed[0] != Header(export))
        {
            // Keeping the other stacks' files of a tree written for another export would leave files of both in DIR/ENV.
            var previous = listed[0] == ManifestHeader ? "a plain render" : $"a render --for {listed[0][ExportHeaderStart.Length..^ExportHeaderEnd.Length]}";
            throw new InputException(flag, $"{shown} holds {previous}, and --stack would keep the other stacks' files of it; render every stack (drop --stack) to replace it");
        }

        return [.. files.Where(file => stacks.Count > 0 && !stacks.Contains(file.Split('/')[0]) && File.Exists(Path.Combine(target, file))).Order(StringComparer.Ordinal)];
    }

    /// <summary>DIR/ENV and every directory in it: each must let its entries be removed.</summary>
    private static IEnumerable<string> ExistingTree(string target) =>
        [target, .. Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>Writes the kept files, the new files and the manifest under staging.</summary>
    private static void WriteTree(IOutputFileSystem fs, string staging, string target, List<string> kept, OutputTree tree)
    {
        var files = Layout(tree, kept.ToDictionary(file => file, file => File.ReadAllText(Path.Combine(target, file)), StringComparer.Ordinal));
        // Parents before their children: ordinal order puts "web" before "web/before-workloads".
        foreach (var directory in files.SkipLast(1).Select(file => Path.GetDirectoryName(file.Path)).OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            fs.CreateDirectory(Path.Combine(staging, directory));
        }

        // The manifest, last in the layout, is written last: a tree without it is one StackGen never finished.
        foreach (var (file, content) in files)
        {
            fs.WriteFile(Path.Combine(staging, file), content);
        }
    }

    /// <summary>Puts staging in target's place; returns where the previous tree now is (nothing there when there was none).</summary>
    private static string Swap(IOutputFileSystem fs, string staging, string target, bool replacing, SourceLocation flag, Func<string, string> show)
    {
        if (!replacing)
        {
            fs.Move(staging, target);
            return staging;
        }

        if (fs.TryExchange(staging, target))
        {
            return staging;
        }

        // No atomic exchange here: the old tree steps aside, the new one moves in, and the old one comes back if it cannot.
        var aside = staging + ".old";
        fs.Move(target, aside);
        try
        {
            fs.Move(staging, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                fs.Move(aside, target);
            }
            catch (Exception rollback) when (rollback is IOException or UnauthorizedAccessException)
            {
                throw new OutputFailedException(
                    new InputError(flag, $"could not move the new render into {show(target)} ({e.Message}) nor the previous one back ({rollback.Message}); the previous render is in {show(aside)}, the new one in {show(staging)}"),
                    e);
            }

            throw;
        }

        return aside;
    }

    /// <summary>Removes what this run created, innermost first; says what it could not.</summary>
    private static string Undo(IOutputFileSystem fs, List<string> created, Func<string, string> show)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                DeleteTree(fs, created[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"{show(created[i])} could not be removed ({e.Message}); delete it by hand";
            }
        }

        return "nothing was changed";
    }

    private static void DeleteTree(IOutputFileSystem fs, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                DeleteTree(fs, entry.FullName);
            }
            else
            {
                fs.Delete(entry.FullName);
            }
        }

        fs.Delete(directory);
    }

    /// <summary>
    /// The staging trees of runs that were killed (their process is gone). A tree of a run still going is its own, and
    /// is left alone; where processes cannot be looked up (not Linux), every leftover is.
    /// </summary>
    private static void RemoveLeftovers(IOutputFileSystem fs, string root, string environment)
    {
        var prefix = $".{environment}.staging-";
        foreach (var leftover in Directory.EnumerateDirectories(root, prefix + "*"))
        {
            var pid = Path.GetFileName(leftover)[prefix.Length..].Split('.')[0];
            if (OperatingSystem.IsLinux() && pid.Length > 0 && pid.All(char.IsAsciiDigit) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    DeleteTree(fs, leftover);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The render is in place; a leftover that cannot go now is tried again by the next run.
                }
            }
        }
    }
}
