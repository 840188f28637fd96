using System.Runtime.InteropServices;
using System.Text;

namespace StackGen.Layering;

/// <summary>
/// What a path names, asked of the file system without opening it: .NET has no way to tell a regular file from a
/// named pipe (opening one blocks until a writer comes) or a device (/dev/zero never ends), so on Linux this asks
/// statx(2), following symbolic links as open would. Elsewhere the kind is not known and is taken as a regular file.
/// </summary>
internal readonly record struct FileStatus(FileStatus.Kinds Kind, long Size, int Errno)
{
    public enum Kinds
    {
        Regular,
        Directory,
        Other,
        Missing,
    }

    public const int NoSuchFile = 2;
    public const int PermissionDenied = 13;
    public const int SymbolicLinkLoop = 40;

    private const int CurrentDirectory = -100;
    private const uint TypeAndSize = 0x1 | 0x200;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileStatus Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists ? new(Kinds.Regular, info.Length, 0) : new(Directory.Exists(path) ? Kinds.Directory : Kinds.Missing, 0, NoSuchFile);
        }

        var name = Encoding.UTF8.GetBytes(path + "\0");
        if (NativeMethods.statx(CurrentDirectory, name, 0, TypeAndSize, out var status) != 0)
        {
            return new(Kinds.Missing, 0, Marshal.GetLastPInvokeError());
        }

        return (status.Mode & TypeMask) switch
        {
            RegularType => new(Kinds.Regular, (long)status.Size, 0),
            DirectoryType => new(Kinds.Directory, 0, 0),
            _ => new(Kinds.Other, 0, 0),
        };
    }

    /// <summary>struct statx of linux/stat.h: the same layout on every architecture; only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int directory, byte[] path, int flags, uint mask, out Statx status);
    }
}
