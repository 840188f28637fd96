namespace StackGen.Tests.Support;

/// <summary>A fenced block of README.md: its language, its text, and the prose just before it (which says what it is).</summary>
public sealed record CodeBlock(string Language, string Text, string Before)
{
    public IReadOnlyList<string> Lines => Text.Split('\n');
}
