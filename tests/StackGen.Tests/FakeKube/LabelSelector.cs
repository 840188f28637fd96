using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StackGen.Naming;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// A <c>labelSelector</c> query, in the syntax of k8s.io/apimachinery/pkg/labels: comma-separated requirements that
/// must all hold — <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x,y)</c>, <c>a</c>,
/// <c>!a</c>, <c>a&gt;1</c>, <c>a&lt;1</c>. As on the API server, <c>!=</c> and <c>notin</c> also match objects
/// without the label.
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; a malformed one is a 400 as on the API server.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector([.. SplitTopLevel(text).Select(Requirement)]);
    }

    public bool Matches(JsonObject obj) => _requirements.All(requirement => requirement(obj["metadata"]?["labels"] as JsonObject));

    private static Func<JsonObject?, bool> Requirement(string text)
    {
        text = text.Trim();
        Match match;
        if ((match = SetPattern().Match(text)).Success)
        {
            var key = Key(match.Groups["key"].Value, text);
            var values = match.Groups["values"].Value.Split(',').Select(value => value.Trim()).ToHashSet(StringComparer.Ordinal);
            return match.Groups["op"].Value == "in"
                ? labels => Value(labels, key) is { } value && values.Contains(value)
                : labels => Value(labels, key) is not { } value || !values.Contains(value);
        }

        if ((match = ComparisonPattern().Match(text)).Success)
        {
            var key = Key(match.Groups["key"].Value, text);
            var expected = match.Groups["value"].Value.Trim();
            return match.Groups["op"].Value switch
            {
                "!=" => labels => Value(labels, key) != expected,
                ">" => labels => Number(Value(labels, key)) > Number(expected, text),
                "<" => labels => Number(Value(labels, key)) < Number(expected, text),
                _ => labels => Value(labels, key) == expected,
            };
        }

        if (text.StartsWith('!'))
        {
            var key = Key(text[1..].Trim(), text);
            return labels => Value(labels, key) is null;
        }

        var existing = Key(text, text);
        return labels => Value(labels, existing) is not null;
    }

    private static string Key(string key, string requirement) =>
        Names.IsQualifiedName(key) ? key : throw StatusError.BadRequest($"unable to parse requirement: invalid label key \"{key}\" in \"{requirement}\"");

    private static string? Value(JsonObject? labels, string key) => JsonTree.String(labels, key);

    private static long? Number(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static long Number(string value, string requirement) =>
        Number(value) ?? throw StatusError.BadRequest($"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer: \"{requirement}\"");

    // Commas separate requirements, except inside the parentheses of an in/notin value list.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch
            {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>\S+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<key>[^!=<>\s]+)\s*(?<op>==|!=|=|>|<)\s*(?<value>[^=<>]*)$")]
    private static partial Regex ComparisonPattern();
}
