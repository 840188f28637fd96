namespace StackGen.Diagnostics;

/// <summary>Bad input (files, flags, settings). The CLI prints each error on one line and exits 2.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public InputException(SourceLocation location, string message)
        : this([new InputError(location, message)])
    {
    }

    public IReadOnlyList<InputError> Errors { get; }
}
