using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StackGen.Tests.OpenApi;

/// <summary>
/// Reads a YAML stream the way a YAML 1.2 (core schema) reader does, into JSON trees the schema can check.
/// Built on the event parser rather than the serializer so that scalar quoting decides the type:
/// a quoted or block scalar is always a string, only a plain scalar can become a number, bool or null.
/// </summary>
public static partial class YamlToJson
{
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>Every non-empty document of the stream, in order. Duplicate keys and unknown tags throw.</summary>
    public static IReadOnlyList<JsonNode> Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StringReader(yaml);
        var parser = new Parser(reader);
        var documents = new List<JsonNode>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            // Anchors are scoped to their document.
            var root = ReadNode(parser, new Dictionary<string, JsonNode?>(StringComparer.Ordinal));
            parser.Consume<DocumentEnd>();
            if (root is not null)
            {
                documents.Add(root);
            }
        }

        parser.Consume<StreamEnd>();
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target?.DeepClone()
                : throw Error(alias, $"unknown alias *{alias.Value.Value}");
        }

        var start = parser.Consume<NodeEvent>();
        JsonNode? node = start switch
        {
            Scalar scalar => ReadScalar(scalar),
            SequenceStart => ReadSequence(parser, anchors),
            MappingStart => ReadMapping(parser, anchors),
            _ => throw Error(start, $"unexpected {start.GetType().Name}"),
        };

        if (!start.Anchor.IsEmpty)
        {
            anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private static JsonArray ReadSequence(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        var sequence = new JsonArray();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            sequence.Add(ReadNode(parser, anchors));
        }

        return sequence;
    }

    private static JsonObject ReadMapping(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        var mapping = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                throw Error(parser.Current!, "a mapping key must be a scalar");
            }

            if (mapping.ContainsKey(key.Value))
            {
                throw Error(key, $"duplicate key \"{key.Value}\"");
            }

            mapping.Add(key.Value, ReadNode(parser, anchors));
        }

        return mapping;
    }

    private static JsonValue? ReadScalar(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? Resolve(scalar.Value) : JsonValue.Create(scalar.Value);
        }

        return scalar.Tag.IsNonSpecific || scalar.Tag.Value == StrTag
            ? JsonValue.Create(scalar.Value)
            : throw Error(scalar, $"unsupported tag {scalar.Tag.Value}");
    }

    /// <summary>The YAML 1.2 core schema's resolution of a plain scalar.</summary>
    private static JsonValue? Resolve(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        ".nan" or ".NaN" or ".NAN" => JsonValue.Create(double.NaN),
        _ when Infinity().IsMatch(text) => JsonValue.Create(text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity),
        _ when DecimalInt().IsMatch(text) => Integer(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        _ when text.StartsWith("0x", StringComparison.Ordinal) && HexDigits().IsMatch(text[2..]) => Integer(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)),
        _ when text.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(text[2..]) => Integer(text[2..].Aggregate(BigInteger.Zero, (sum, digit) => (sum * 8) + (digit - '0'))),
        _ when Float().IsMatch(text) => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    private static JsonValue Integer(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create((double)value);

    // YamlException's Message leaves the position out; put it in so test failures point at the line.
    private static YamlException Error(ParsingEvent at, string message) =>
        new(at.Start, at.End, $"line {at.Start.Line}, column {at.Start.Column}: {message}");

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex("^[0-9a-fA-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex("^[0-7]+$")]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$")]
    private static partial Regex Infinity();
}
