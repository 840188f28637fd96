namespace StackGen.Objects;

/// <summary>
/// A document that is not a valid object of its kind: <see cref="Path"/> says where in the object ("spec.replicas"),
/// <see cref="JsonLocation"/> the same as a JSON pointer ("/spec/replicas"), for a caller that knows where the document
/// was written.
/// </summary>
public sealed class ObjectReadException(string path, string jsonLocation, string problem, bool atKey = false) : Exception($"{path}: {problem}")
{
    /// <summary>The problem is the key itself (an unknown field), not its value.</summary>
    public bool AtKey { get; } = atKey;

    public string Path { get; } = path;

    public string JsonLocation { get; } = jsonLocation;

    public string Problem { get; } = problem;
}
