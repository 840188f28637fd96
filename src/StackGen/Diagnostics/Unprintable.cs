using System.Buffers;

namespace StackGen.Diagnostics;

/// <summary>
/// Characters that break or control a line of text: C0 and C1 controls (line feed, carriage return, tab, NUL, ESC,
/// NEL), DEL, and the Unicode line and paragraph separators. No setting value or error line may carry one raw.
/// </summary>
public static class Unprintable
{
    public static SearchValues<char> Characters { get; } = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(c => (char)c)) + "\u2028\u2029");

    /// <summary>The index of the first such character, or -1.</summary>
    public static int IndexIn(ReadOnlySpan<char> text) => text.IndexOfAny(Characters);

    /// <summary>How the character is named in an error ("a line feed", "U+001B").</summary>
    public static string Describe(char c) => c switch
    {
        '\n' => "a line feed (\\n)",
        '\r' => "a carriage return (\\r)",
        '\t' => "a tab (\\t)",
        '\0' => "a NUL character",
        '\u001b' => "an ESC character",
        _ => $"the control character U+{(int)c:X4}",
    };
}
