namespace StackGen.Tests.Support;

/// <summary>A fenced block of README.md: its language, its text, and the prose just before it (which says what it is).</summary>
public sealed record CodeBlock(string Language, string Text, string Before)
{
    public IReadOnlyList<string> Lines => Text.Split('\n');

    /// <summary>The using lines of C# code: README's example and the file the suite builds must agree on them.</summary>
    public static string[] Usings(string code) => [.. code.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal))];

    /// <summary>C# code after its namespace line: README's example and its copy under tests/ differ only in the namespace.</summary>
    public static string AfterNamespace(string code)
    {
        var text = code.ReplaceLineEndings("\n");
        var at = text.IndexOf("\nnamespace ", StringComparison.Ordinal);
        Assert.True(at >= 0, "no namespace line");
        return text[(text.IndexOf('\n', at + 1) + 1)..].Trim();
    }
}
