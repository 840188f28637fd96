namespace StackGen.Emitting;

/// <summary>
/// Every change <see cref="OutputDirectory"/> makes to the file system, and the one question it asks before making
/// them; tests substitute a file system that fails at a chosen step (running as root, permission bits cannot).
/// </summary>
public interface IOutputFileSystem
{
    /// <summary>Creates one directory whose parent exists.</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a file that does not exist yet.</summary>
    void WriteFile(string path, string content);

    /// <summary>Renames a directory within the same parent.</summary>
    void Move(string source, string destination);

    /// <summary>Swaps two existing directories in one atomic step; false when the system cannot.</summary>
    bool TryExchange(string first, string second);

    /// <summary>Deletes a file or an empty directory.</summary>
    void Delete(string path);

    /// <summary>Whether entries can be added to and removed from the directory (its owner's view, root included).</summary>
    bool IsWritable(string directory);
}
