using System.Globalization;
using System.Text;

namespace StackGen.Emitting;

/// <summary>
/// How a string is written in YAML so that every parser (YAML 1.1 and 1.2, kubectl, Helm, PyYAML) reads
/// back the same string: plain when unambiguous, a literal block for multi-line text, double quotes otherwise.
/// </summary>
public static class YamlScalars
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN", "<<", "=",
    };

    /// <summary>True when the text can be written without quotes and still read back as this string.</summary>
    public static bool IsPlainSafe(string text)
    {
        if (IsWord(text))
        {
            return !Reserved.Contains(text);
        }

        if (Reserved.Contains(text) || LooksNumeric(text))
        {
            return false;
        }

        var first = text[0];
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(first, StringComparison.Ordinal) || char.IsWhiteSpace(first) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        if (text.EndsWith(':') || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // The common case, decided in one pass: a letter, then letters, digits and - . _ / only. Such text has no
    // indicator, whitespace, ':' or '#', and cannot look numeric; only the reserved words remain to check.
    private static bool IsWord(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for multi-line text that a literal block (|) can carry exactly.</summary>
    public static bool IsLiteralSafe(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal) || text.Trim('\n').Length == 0)
        {
            return false;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[^1]))
            {
                return false;
            }

            foreach (var c in line)
            {
                if ((char.IsControl(c) && c != '\t') || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A double-quoted scalar with JSON-compatible escapes.</summary>
    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    // Anything a YAML 1.1 or 1.2 resolver could read as a number or timestamp: ints (with _ , 0x, 0o, 0b),
    // floats, exponents and base-60 (1:30). Over-quoting "1.2.3" is harmless; under-quoting "1e3" is not.
    private static bool LooksNumeric(string text)
    {
        var start = text[0] is '+' or '-' ? 1 : 0;
        if (start >= text.Length)
        {
            return false;
        }

        var c = text[start];
        if (!char.IsAsciiDigit(c) && !(c == '.' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
        {
            return false;
        }

        foreach (var ch in text.AsSpan(start))
        {
            if (!(char.IsAsciiHexDigit(ch) || ch is '_' or '.' or ':' or '-' or '+' or 'x' or 'X' or 'o' or 'O' or 'T' or 't' or 'Z' or 'z' or ' '))
            {
                return false;
            }
        }

        return true;
    }
}
