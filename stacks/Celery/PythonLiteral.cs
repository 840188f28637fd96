using System.Text.Json;

namespace StackGen.Stacks.Celery;

/// <summary>
/// Values written into generated Python source as literals, never spliced as text: a JSON string (quotes,
/// backslashes, control and non-ASCII characters escaped) is a valid Python string literal with the same value,
/// so no setting can end a string or start a line of code.
/// </summary>
internal static class PythonLiteral
{
    public static string String(string value) => "\"" + JsonEncodedText.Encode(value).Value + "\"";

    public static string[] Strings(IEnumerable<string> values) => [.. values.Select(String)];
}
