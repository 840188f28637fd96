using System.Buffers;
using System.Text;
using System.Text.Unicode;
using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>
/// Reads a layer file's text: only a regular file (a symbolic link to one is fine), at most <see cref="MaxBytes"/>,
/// strictly UTF-8. Anything else is an input error naming the file, and an invalid byte is located at its line and column.
/// </summary>
public static class LayerFile
{
    /// <summary>Layer files are a few kilobytes; the limit keeps a mistaken path (a log, an image) from being parsed.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static string ReadText(string path, string displayPath)
    {
        var file = SourceLocation.File(displayPath);
        var status = FileStatus.Of(path);
        switch (status.Kind)
        {
            case FileStatus.Kinds.Missing:
                throw new InputException(file, status.Errno switch
                {
                    FileStatus.SymbolicLinkLoop => "a symbolic link loop; expected a YAML file, fix or remove the link",
                    FileStatus.PermissionDenied => "permission denied; expected a readable YAML file (check its and its folder's permissions)",
                    FileStatus.NoSuchFile when new FileInfo(path).LinkTarget is { } target => $"a symbolic link to '{target}', which does not exist; expected a YAML file, fix or remove the link",
                    _ => $"cannot be read (error {status.Errno}); expected a readable YAML file",
                });
            case FileStatus.Kinds.Directory:
                throw new InputException(file, "a directory; expected a YAML file");
            case FileStatus.Kinds.Other:
                throw new InputException(file, "not a regular file (a device, pipe or socket); expected a YAML file");
        }

        if (status.Size > MaxBytes)
        {
            throw new InputException(file, $"{status.Size} bytes; expected a layer file of at most {MaxBytes} bytes (1 MiB)");
        }

        byte[] bytes;
        try
        {
            bytes = ReadAtMost(path, MaxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(file, $"cannot be read: {e.Message}");
        }

        return bytes.Length > MaxBytes
            ? throw new InputException(file, $"more than {MaxBytes} bytes; expected a layer file of at most {MaxBytes} bytes (1 MiB)")
            : Decode(bytes, displayPath);
    }

    /// <summary>The text of UTF-8 bytes (a byte order mark is skipped); an invalid byte is an error at its line and column.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var start = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var content = bytes[start..];
        var chars = new char[content.Length];
        var status = Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = content[..read];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        throw new InputException(
            SourceLocation.InFile(displayPath, line, column),
            $"invalid UTF-8 (byte 0x{content[read]:X2}); expected a UTF-8 text file, re-save it as UTF-8");
    }

    private static byte[] ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var buffer = new byte[Math.Min(limit, 64 * 1024)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == limit)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var count = stream.Read(buffer, total, buffer.Length - total);
            if (count == 0)
            {
                return buffer[..total];
            }

            total += count;
        }
    }
}
