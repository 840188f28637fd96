using System.Runtime.InteropServices;

namespace StackGen.Emitting;

/// <summary>The real file system, for <see cref="OutputDirectory"/>.</summary>
public sealed partial class LocalOutputFileSystem : IOutputFileSystem
{
    public static LocalOutputFileSystem Instance { get; } = new();

    private LocalOutputFileSystem()
    {
    }

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void WriteFile(string path, string content)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.Write(content);
    }

    public void Move(string source, string destination) => Directory.Move(source, destination);

    public bool TryExchange(string first, string second)
    {
        const int CurrentDirectory = -100;
        const uint Exchange = 2;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return RenameAt2(CurrentDirectory, first, CurrentDirectory, second, Exchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    public void Delete(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path);
        }
        else
        {
            File.Delete(path);
        }
    }

    // access(2) answers as the kernel will: root passes permission bits but not a read-only mount.
    public bool IsWritable(string directory)
    {
        const int Write = 2;
        const int Search = 1;
        return !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || Access(directory, Write | Search) == 0;
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);
}
