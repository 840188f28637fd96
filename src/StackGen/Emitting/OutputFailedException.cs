using StackGen.Diagnostics;

namespace StackGen.Emitting;

/// <summary>
/// The file system refused a change while writing --output (read-only, full, gone): the CLI prints the one line and
/// exits 1. Bad paths are <see cref="InputException"/>s (exit 2) instead.
/// </summary>
public sealed class OutputFailedException : Exception
{
    public OutputFailedException(InputError error, Exception? inner = null)
        : base(error.ToString(), inner)
    {
    }
}
