using System.Buffers;

namespace StackGen.Naming;

/// <summary>
/// The name grammars of Kubernetes, as the API server decides them (k8s.io/apimachinery pkg/util/validation): the one
/// implementation render, environment loading and lint call. Written by hand rather than as Regexes: a Regex '$'
/// accepts a final '\n' and Go's does not, so "default\n" passed a Regex copy and was refused by the API server.
/// </summary>
public static class Names
{
    /// <summary>What a DNS-1123 label is, for error messages.</summary>
    public const string DnsLabelRule = "expected lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters in all";

    public const int DnsLabelMaxLength = 63;

    public const int DnsSubdomainMaxLength = 253;

    public const int PortNameMaxLength = 15;

    /// <summary>IsDNS1123Subdomain: most object names (ConfigMaps, Deployments, ...), label key prefixes.</summary>
    public static bool IsDnsSubdomain(ReadOnlySpan<char> name) => name.Length <= DnsSubdomainMaxLength && MatchesSubdomain(name);

    /// <summary>IsDNS1123Label: namespaces, container names, StatefulSets, names StackGen makes.</summary>
    public static bool IsDnsLabel(ReadOnlySpan<char> name) => name.Length <= DnsLabelMaxLength && MatchesDnsLabel(name);

    /// <summary>IsDNS1035Label: Services (a DNS-1123 label that starts with a letter).</summary>
    public static bool IsDns1035Label(ReadOnlySpan<char> name) => name.Length > 0 && char.IsAsciiLetterLower(name[0]) && IsDnsLabel(name);

    /// <summary>IsValidPortName: at most 15 lower-case letters, digits and single hyphens, at least one letter, no hyphen at either end.</summary>
    public static bool IsPortName(ReadOnlySpan<char> name) =>
        name.Length <= PortNameMaxLength && MatchesDnsLabel(name) && !name.Contains("--", StringComparison.Ordinal) && name.IndexOfAnyInRange('a', 'z') >= 0;

    /// <summary>IsQualifiedName: a label or annotation key, an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    /// <remarks>Checked for every label and annotation of every object, so the parts are spans, not substrings.</remarks>
    public static bool IsQualifiedName(ReadOnlySpan<char> key)
    {
        var slash = key.IndexOf('/');
        var name = key[(slash + 1)..];
        return (slash < 0 || IsDnsSubdomain(key[..slash])) && name.Length <= DnsLabelMaxLength && MatchesQualifiedName(name);
    }

    /// <summary>IsValidLabelValue: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.</summary>
    public static bool IsLabelValue(ReadOnlySpan<char> value) => value.Length == 0 || (value.Length <= DnsLabelMaxLength && MatchesQualifiedName(value));

    // By hand rather than as Regexes: a name, label or annotation of every object goes through them, and the Regexes
    // were slower (see bench/README.md).
    private static readonly SearchValues<char> DnsLabelCharacters = SearchValues.Create("-abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> QualifiedNameCharacters = SearchValues.Create("-_.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*, the whole text.</summary>
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

    /// <summary>[a-z0-9]([-a-z0-9]*[a-z0-9])?, the whole text.</summary>
    private static bool MatchesDnsLabel(ReadOnlySpan<char> label) =>
        label.Length > 0 && IsLowerAlphanumeric(label[0]) && IsLowerAlphanumeric(label[^1]) && !label.ContainsAnyExcept(DnsLabelCharacters);

    /// <summary>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], the whole text.</summary>
    private static bool MatchesQualifiedName(ReadOnlySpan<char> name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) && !name.ContainsAnyExcept(QualifiedNameCharacters);

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
