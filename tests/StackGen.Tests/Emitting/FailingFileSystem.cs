using StackGen.Emitting;

namespace StackGen.Tests.Emitting;

/// <summary>
/// The real file system, except where a test says otherwise: directories that answer "read-only", the Nth change of
/// a kind that fails (an interrupted write, a full disk), no atomic exchange. Tests run as root in CI, where permission
/// bits stop nothing, so these failures are injected here rather than made with chmod.
/// </summary>
public sealed class FailingFileSystem : IOutputFileSystem
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Directories <see cref="IsWritable"/> says no to.</summary>
    public HashSet<string> ReadOnly { get; } = new(StringComparer.Ordinal);

    /// <summary>The operation ("CreateDirectory", "WriteFile", "Move", "Delete") and its 1-based count that throws.</summary>
    public (string Operation, int Count)? FailAt { get; init; }

    public bool CanExchange { get; init; } = true;

    /// <summary>Every change made, in order: "WriteFile dev/.stackgen-output".</summary>
    public List<string> Log { get; } = [];

    public void CreateDirectory(string path) => Do(nameof(CreateDirectory), path, () => LocalOutputFileSystem.Instance.CreateDirectory(path));

    public void WriteFile(string path, string content) => Do(nameof(WriteFile), path, () => LocalOutputFileSystem.Instance.WriteFile(path, content));

    public void Move(string source, string destination) => Do(nameof(Move), source, () => LocalOutputFileSystem.Instance.Move(source, destination));

    public bool TryExchange(string first, string second)
    {
        if (!CanExchange)
        {
            return false;
        }

        Log.Add($"TryExchange {first}");
        return LocalOutputFileSystem.Instance.TryExchange(first, second);
    }

    public void Delete(string path) => Do(nameof(Delete), path, () => LocalOutputFileSystem.Instance.Delete(path));

    public bool IsWritable(string directory) => !ReadOnly.Contains(directory) && LocalOutputFileSystem.Instance.IsWritable(directory);

    private void Do(string operation, string path, Action change)
    {
        var count = _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        if (FailAt == (operation, count))
        {
            throw new IOException($"injected failure: {operation} #{count} of {Path.GetFileName(path)}");
        }

        Log.Add($"{operation} {path}");
        change();
    }
}
