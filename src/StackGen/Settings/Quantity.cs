using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace StackGen.Settings;

/// <summary>A Kubernetes resource quantity (10Gi, 500m, 1.5), kept as written; parsing is as strict as the API server's.</summary>
public sealed partial record Quantity
{
    private Quantity(string text, decimal value)
    {
        Text = text;
        Value = value;
    }

    public const string Expected = "a Kubernetes quantity such as 10Gi, 512Mi, 500m or 2 (binary suffixes Ki Mi Gi Ti Pi Ei, decimal k M G T P E, milli m)";

    public string Text { get; }

    /// <summary>The amount in base units (bytes, cores), for comparisons.</summary>
    public decimal Value { get; }

    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity) ? quantity : throw new FormatException($"'{text}' is not {Expected}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Quantity? quantity)
    {
        quantity = null;
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            return false;
        }

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups["suffix"].Value;
        decimal multiplier;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            if (!int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 18)
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

    [GeneratedRegex(@"^(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?<suffix>[eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
