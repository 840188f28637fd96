namespace StackGen.Diagnostics;

/// <summary>Collects every input error of a phase so the user sees all of them at once.</summary>
public sealed class ErrorList
{
    private readonly List<InputError> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(SourceLocation location, string message) => _errors.Add(new InputError(location, message));

    public void AddRange(IEnumerable<InputError> errors) => _errors.AddRange(errors);

    /// <summary>Appends the errors another list collected (say, for one stack of many bound in parallel), in their order.</summary>
    public void AddRange(ErrorList other) => _errors.AddRange(other._errors);

    /// <summary>Throws once with every collected error, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InputException(_errors.ToArray());
        }
    }
}
