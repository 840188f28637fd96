namespace StackGen.Diagnostics;

/// <summary>Collects every input error of a phase so the user sees all of them at once.</summary>
public sealed class ErrorList
{
    private readonly List<InputError> _errors = [];

    // The same problem found twice (a layer checked on its own and merged) is reported once.
    private readonly HashSet<InputError> _seen = [];

    public bool Any => _errors.Count > 0;

    public void Add(SourceLocation location, string message) => Add(new InputError(location, message));

    public void AddRange(IEnumerable<InputError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    /// <summary>Appends the errors another list collected (say, for one stack of many bound in parallel), in their order.</summary>
    public void AddRange(ErrorList other) => AddRange(other._errors);

    private void Add(InputError error)
    {
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>Throws once with every collected error, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InputException(_errors.ToArray());
        }
    }
}
