namespace StackGen.Diagnostics;

/// <summary>Where a value came from: a position in a layer file, the code default, or a --set argument.</summary>
public sealed record SourceLocation
{
    private SourceLocation(string text, bool isDefault)
    {
        Text = text;
        IsCodeDefault = isDefault;
    }

    public static SourceLocation CodeDefault { get; } = new("default in code", true);

    /// <summary>Line and column are 1-based, as editors show them.</summary>
    public static SourceLocation InFile(string path, long line, long column) => new($"{path}:{line}:{column}", false);

    public static SourceLocation SetArgument(string argument) => new($"--set {argument}", false);

    public static SourceLocation Flag(string flag) => new(flag, false);

    public string Text { get; }

    public bool IsCodeDefault { get; }

    public override string ToString() => Text;
}
