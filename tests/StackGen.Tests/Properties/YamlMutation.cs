using System.Text;
using CsCheck;

namespace StackGen.Tests.Properties;

/// <summary>
/// One edit of a real environment file, the kind a hurried person or a broken script makes: delete or duplicate a
/// span, insert characters that mean something to YAML, nest deeper, or put a value of another type in a value's place.
/// </summary>
public sealed record YamlMutation(YamlMutation.Kinds Kind, int Position, int Length, string Text)
{
    public enum Kinds
    {
        Delete,
        Duplicate,
        Insert,
        Deepen,
        SwapType,
    }

    // Characters with a meaning in YAML, some that must not reach a config file, and a few beyond ASCII.
    private const string Alphabet = "[]{}:,-#&*!|>'\"\\%@`? \n\n\t\r\u001b\0abcz019._/=~\u00e9\u2028\ud83d\ude00";

    private static readonly string[] Values =
    [
        "[1, 2]", "{a: b}", "null", "~", "\"\"", "''", "99999999999999999999999999999", "1e400", "-1", "0x1F", "\"\\ud800\"",
        "&a x", "*a", "*nowhere", "!!binary AAAA", "|\n  x\n", ">-\n  folded\n", "\"\\e[31m\"", "300000000h", "99999999999e18",
        "10Gb", "true", "\"a\\nb = c\"", "[", "{", "- x", "? complex\n: key", "!!map {}", "--- \n", "...", "\"mail_out\"",
    ];

    public static Gen<YamlMutation> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<Kinds>(),
        CsCheck.Gen.Int[0, 1 << 20],
        CsCheck.Gen.Int[1, 300],
        CsCheck.Gen.String[CsCheck.Gen.Char[Alphabet], 1, 12],
        (kind, position, length, text) => new YamlMutation(kind, position, length, text));

    /// <summary>Some edits of one of the texts.</summary>
    public static Gen<string> Of(IReadOnlyList<string> texts) =>
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, texts.Count - 1], Gen.Array[1, 4], (i, edits) => edits.Aggregate(texts[i], (text, edit) => edit.Apply(text)));

    public string Apply(string text)
    {
        var at = text.Length == 0 ? 0 : Position % (text.Length + 1);
        var end = Math.Min(text.Length, at + Length);
        switch (Kind)
        {
            case Kinds.Delete:
                return text.Remove(at, end - at);
            case Kinds.Duplicate:
                return text.Insert(at, text[at..end]);
            case Kinds.Insert:
                return text.Insert(at, Text);
            case Kinds.Deepen:
                // Length levels of flow or block nesting where a value starts.
                var value = ValueStart(text, at);
                var nesting = Text.Length % 2 == 0 ? new string('[', Length) : "\n" + new StringBuilder().Insert(0, "- ", Length);
                return text.Insert(value, nesting);
            default:
                var start = ValueStart(text, at);
                var lineEnd = text.IndexOf('\n', start);
                return text[..start] + Values[Length % Values.Length] + (lineEnd < 0 ? "" : text[lineEnd..]);
        }
    }

    /// <summary>Just after the next ": " from <paramref name="at"/> (or the start), where a mapping value begins.</summary>
    private static int ValueStart(string text, int at)
    {
        var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
        if (colon < 0)
        {
            colon = text.IndexOf(": ", StringComparison.Ordinal);
        }

        return colon < 0 ? at : colon + 2;
    }
}
