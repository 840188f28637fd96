using System.Text;

namespace StackGen.Diagnostics;

/// <summary>One problem with what the user gave us, printed as a single line: "location: message".</summary>
public sealed record InputError(SourceLocation Location, string Message)
{
    /// <summary>
    /// The line as printed. Locations and messages quote what the user wrote (values, keys, --set arguments), so line
    /// breaks, ESC and other control characters are escaped: one problem stays one line and cannot drive the terminal.
    /// </summary>
    public override string ToString() => Escape($"{Location}: error: {Message}");

    /// <summary>The text with every control or line-separating character written as an escape (\n, \r, \t, \u001b).</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Unprintable.Characters))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when Unprintable.Characters.Contains(c) => $@"\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
