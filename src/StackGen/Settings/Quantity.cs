using System.Globalization;
using k8s.Models;

namespace StackGen.Settings;

/// <summary>A Kubernetes resource quantity (10Gi, 500m, 1.5), kept as written; parsing is as strict as the API server's.</summary>
public sealed record Quantity : ISettingValue<Quantity>
{
    private Quantity(string text, decimal value)
    {
        Text = text;
        Value = value;
    }

    /// <inheritdoc/>
    public static string TypeName => "quantity";

    /// <inheritdoc/>
    public static string Expected => "a Kubernetes quantity such as 10Gi, 512Mi, 500m or 2 (binary suffixes Ki Mi Gi Ti Pi Ei, decimal k M G T P E, milli m)";

    public string Text { get; }

    /// <summary>The amount in base units (bytes, cores), for comparisons.</summary>
    public decimal Value { get; }

    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity) ? quantity : throw new FormatException($"'{text}' is not {Expected}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Quantity? quantity)
    {
        quantity = null;
        if (!Split(text, out var numberText, out var suffix))
        {
            return false;
        }

        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        decimal multiplier;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            if (!int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 18)
            {
                return false;
            }

            multiplier = (decimal)Math.Pow(10, exponent);
        }
        else
        {
            multiplier = suffix switch
            {
                "" => 1m,
                "n" => 1e-9m,
                "u" => 1e-6m,
                "m" => 1e-3m,
                "k" => 1e3m,
                "M" => 1e6m,
                "G" => 1e9m,
                "T" => 1e12m,
                "P" => 1e15m,
                "E" => 1e18m,
                "Ki" => 1024m,
                "Mi" => 1024m * 1024,
                "Gi" => 1024m * 1024 * 1024,
                "Ti" => 1024m * 1024 * 1024 * 1024,
                "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
                "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
                _ => 0m,
            };
            if (multiplier == 0m)
            {
                return false;
            }
        }

        quantity = new Quantity(text, number * multiplier);
        return true;
    }

    public ResourceQuantity ToKubernetes() => new(Text);

    public override string ToString() => Text;

    /// <summary>
    /// Splits the text by the grammar <c>^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$</c>
    /// (where, as in .NET regular expressions, <c>$</c> also matches before a final newline). Written by hand
    /// because quantities are parsed for every binding and lint check of every container: a Regex match costs
    /// several times more.
    /// </summary>
    private static bool Split(string text, out ReadOnlySpan<char> number, out ReadOnlySpan<char> suffix)
    {
        var span = text.AsSpan();
        if (span.EndsWith('\n'))
        {
            span = span[..^1];
        }

        var i = span.Length > 0 && span[0] is '+' or '-' ? 1 : 0;
        var integerDigits = CountDigits(span[i..]);
        i += integerDigits;
        var fractionDigits = 0;
        if (i < span.Length && span[i] == '.')
        {
            fractionDigits = CountDigits(span[(i + 1)..]);
            i += 1 + fractionDigits;
        }

        number = span[..i];
        suffix = span[i..];
        return (integerDigits > 0 || fractionDigits > 0) && IsSuffix(suffix);
    }

    private static int CountDigits(ReadOnlySpan<char> span)
    {
        var count = span.IndexOfAnyExceptInRange('0', '9');
        return count < 0 ? span.Length : count;
    }

    private static bool IsSuffix(ReadOnlySpan<char> suffix) => suffix switch
    {
        [] or ['n' or 'u' or 'm' or 'k' or 'M' or 'G' or 'T' or 'P' or 'E'] or ['K' or 'M' or 'G' or 'T' or 'P' or 'E', 'i'] => true,
        ['e' or 'E', '+' or '-', .. var digits] => digits.Length > 0 && CountDigits(digits) == digits.Length,
        ['e' or 'E', .. var digits] => digits.Length > 0 && CountDigits(digits) == digits.Length,
        _ => false,
    };
}
