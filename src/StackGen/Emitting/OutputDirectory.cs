using System.Runtime.InteropServices;
using StackGen.Rendering;

namespace StackGen.Emitting;

/// <summary>
/// Writes a render as one file per object, DIR/ENV/STACK/KIND-NAME.yaml, replacing the previous render of
/// that environment in one atomic step: the new tree is written beside the old one and swapped in, so
/// files of removed objects disappear and an interrupted run leaves the old tree as it was.
/// </summary>
public static partial class OutputDirectory
{
    /// <param name="stacks">The stacks rendered; other stacks' files from the previous render are kept.</param>
    public static void Write(string root, string environment, IReadOnlyList<RenderedObject> objects, IReadOnlyCollection<string> stacks)
    {
        Directory.CreateDirectory(root);
        var target = Path.Combine(root, environment);
        RemoveLeftovers(root, environment);
        var staging = Path.Combine(root, $".{environment}.staging-{Environment.ProcessId}");
        Directory.CreateDirectory(staging);

        if (Directory.Exists(target) && stacks.Count > 0)
        {
            foreach (var kept in Directory.EnumerateDirectories(target).Where(d => !stacks.Contains(Path.GetFileName(d))))
            {
                CopyDirectory(kept, Path.Combine(staging, Path.GetFileName(kept)));
            }
        }

        foreach (var rendered in objects)
        {
            var directory = Path.Combine(staging, rendered.Stack);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, FileName(rendered)), YamlEmitter.Write(rendered.Resource));
        }

        Swap(staging, target);
    }

    /// <summary>"statefulset-rabbitmq.yaml".</summary>
    public static string FileName(RenderedObject rendered) => $"{rendered.Kind.ToLowerInvariant()}-{rendered.Name}.yaml";

    private static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        if (OperatingSystem.IsLinux() && RenameExchange(staging, target))
        {
            Directory.Delete(staging, recursive: true);
            return;
        }

        // No atomic exchange here: the old tree stays under a leftover name until the new one is in place.
        var old = staging.Replace(".staging-", ".old-", StringComparison.Ordinal);
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }

    private static void RemoveLeftovers(string root, string environment)
    {
        foreach (var leftover in Directory.EnumerateDirectories(root, $".{environment}.*"))
        {
            var name = Path.GetFileName(leftover);
            if (name.StartsWith($".{environment}.staging-", StringComparison.Ordinal) || name.StartsWith($".{environment}.old-", StringComparison.Ordinal))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static bool RenameExchange(string a, string b)
    {
        const int CurrentDirectory = -100;
        const uint Exchange = 2;
        try
        {
            return RenameAt2(CurrentDirectory, a, CurrentDirectory, b, Exchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
