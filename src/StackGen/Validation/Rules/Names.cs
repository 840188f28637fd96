using System.Buffers;
using System.Text.RegularExpressions;

namespace StackGen.Validation.Rules;

/// <summary>The name grammars of Kubernetes (apimachinery's validation package), shared by the rules.</summary>
internal static partial class Names
{
    public static bool IsDnsSubdomain(ReadOnlySpan<char> name) => name.Length <= 253 && MatchesSubdomain(name);

    public static bool IsDnsLabel(string name) => name.Length <= 63 && MatchesDnsLabel(name);

    /// <summary>Services: a DNS-1035 label (must start with a letter).</summary>
    public static bool IsDns1035Label(string name) => name.Length <= 63 && Label1035().IsMatch(name);

    /// <summary>Port names: at most 15 characters, lower-case letters, digits and single hyphens, at least one letter.</summary>
    public static bool IsPortName(string name) =>
        name.Length is > 0 and <= 15 && MatchesDnsLabel(name) && !name.Contains("--", StringComparison.Ordinal) && name.Any(char.IsAsciiLetter);

    /// <summary>A label or annotation key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    /// <remarks>Checked for every label and annotation of every object, so the parts are spans, not substrings.</remarks>
    public static bool IsQualifiedName(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = key.AsSpan(slash + 1);
        return (slash < 0 || IsDnsSubdomain(key.AsSpan(0, slash))) && name.Length is > 0 and <= 63 && MatchesQualifiedName(name);
    }

    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && MatchesQualifiedName(value));

    // The grammars every name, label and annotation key and value goes through, written by hand (a few times faster
    // than their Regex, and checked against it on random strings). Unlike a Regex '$' they refuse a final '\n': the
    // API server does, and a name with one came from a setting (a queue named "default\n").
    private static readonly SearchValues<char> SubdomainLabelCharacters = SearchValues.Create("-abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> QualifiedNameCharacters = SearchValues.Create("-_.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$</summary>
    private static bool MatchesSubdomain(ReadOnlySpan<char> name)
    {
        foreach (var range in name.Split('.'))
        {
            if (!MatchesDnsLabel(name[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>^[a-z0-9]([-a-z0-9]*[a-z0-9])?$: a DNS-1123 label, a port name's characters.</summary>
    private static bool MatchesDnsLabel(ReadOnlySpan<char> label) =>
        label.Length > 0 && IsLowerAlphanumeric(label[0]) && IsLowerAlphanumeric(label[^1]) && !label.ContainsAnyExcept(SubdomainLabelCharacters);

    /// <summary>^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$</summary>
    private static bool MatchesQualifiedName(ReadOnlySpan<char> name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) && !name.ContainsAnyExcept(QualifiedNameCharacters);

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label1035();
}
