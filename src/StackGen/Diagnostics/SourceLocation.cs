namespace StackGen.Diagnostics;

/// <summary>Where a value came from: a position in a layer file, the code default, or a --set argument.</summary>
public sealed record SourceLocation
{
    // A layer file has a location for every key and value and few are ever shown, so file positions are
    // formatted as "path:line:column" on first use rather than when the file is read.
    private readonly string? _file;
    private readonly long _line;
    private readonly long _column;
    private string? _text;

    private const int MaxArgument = 120;

    private SourceLocation(string text, bool isDefault)
    {
        _text = text;
        IsCodeDefault = isDefault;
    }

    private SourceLocation(string file, long line, long column)
    {
        _file = file;
        _line = line;
        _column = column;
    }

    public static SourceLocation CodeDefault { get; } = new("default in code", true);

    /// <summary>Line and column are 1-based, as editors show them.</summary>
    public static SourceLocation InFile(string path, long line, long column) => new(path, line, column);

    /// <summary>A --set argument, shortened when long (the location must stay readable; the message says what is wrong).</summary>
    public static SourceLocation SetArgument(string argument) =>
        new($"--set {(argument.Length <= MaxArgument ? argument : $"{argument[..MaxArgument]}... ({argument.Length} characters)")}", false);

    public static SourceLocation Flag(string flag) => new(flag, false);

    /// <summary>A whole file, for problems with the file itself (not readable, not a regular file, too large).</summary>
    public static SourceLocation File(string path) => new(path, false);

    public string Text => _text ??= $"{_file}:{_line}:{_column}";

    public bool IsCodeDefault { get; }

    /// <summary>Locations are equal when they read the same (however they were made).</summary>
    public bool Equals(SourceLocation? other) => other is not null && Text == other.Text && IsCodeDefault == other.IsCodeDefault;

    public override int GetHashCode() => HashCode.Combine(Text, IsCodeDefault);

    public override string ToString() => Text;
}
