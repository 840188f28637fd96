using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StackGen.Generators;

/// <summary>
/// What lint needs of a CRD, as compact JSON written at compile time, so the binary parses a few kilobytes of JSON
/// instead of the whole YAML file when it validates a custom resource (bench/README.md, "By commit"):
/// <c>{"spec":{"group":G,"names":{"kind":K},"versions":[{"name":N,"served":B,"schema":{"openAPIV3Schema":S}}]}}</c>,
/// the shape <c>DefinitionCatalog.Read</c> reads from a rendered CRD too. <c>S</c> is the version's schema with what
/// does not constrain a value left out: every <c>description</c> of a schema node (not a property named description),
/// and the text of <c>x-kubernetes-validations</c> (CEL rules StackGen cannot evaluate: only their number is kept).
/// Scalars are typed as YAML 1.2's core schema types them (StackGen.Layering.ScalarNode.ToJsonValue at run time; a
/// test reads every file in crds/ both ways and compares the schemas).
/// </summary>
internal static class CrdSchemaJson
{
    private static readonly Regex Integer = new("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    public static string Definition(string group, string kind, YamlSequenceNode versions)
    {
        var json = new StringBuilder("{\"spec\":{\"group\":");
        String(json, group);
        json.Append(",\"names\":{\"kind\":");
        String(json, kind);
        json.Append("},\"versions\":[");
        var first = true;
        foreach (var version in versions.Children.OfType<YamlMappingNode>())
        {
            json.Append(first ? "{" : ",{");
            first = false;
            var fields = 0;
            foreach (var key in new[] { "name", "served" })
            {
                if (Child(version, key) is { } value)
                {
                    json.Append(fields++ == 0 ? "" : ",");
                    String(json, key);
                    json.Append(':');
                    Value(json, value);
                }
            }

            if (Child(version, "schema") is YamlMappingNode holder && Child(holder, "openAPIV3Schema") is YamlMappingNode schema)
            {
                json.Append(fields == 0 ? "" : ",").Append("\"schema\":{\"openAPIV3Schema\":");
                Schema(json, schema);
                json.Append('}');
            }

            json.Append('}');
        }

        return json.Append("]}}").ToString();
    }

    private static void Schema(StringBuilder json, YamlMappingNode schema)
    {
        json.Append('{');
        var first = true;
        foreach (var entry in schema.Children)
        {
            var key = ((YamlScalarNode)entry.Key).Value ?? "";
            if (key == "description")
            {
                continue;
            }

            json.Append(first ? "" : ",");
            first = false;
            String(json, key);
            json.Append(':');
            switch (key, entry.Value)
            {
                case ("properties", YamlMappingNode properties):
                    Mapping(json, properties, SchemaOrValue);
                    break;
                case ("items" or "additionalProperties" or "not", YamlMappingNode nested):
                    Schema(json, nested);
                    break;
                case ("allOf" or "anyOf" or "oneOf", YamlSequenceNode branches):
                    Sequence(json, branches, SchemaOrValue);
                    break;
                case ("x-kubernetes-validations", YamlSequenceNode rules):
                    json.Append('[').Append(string.Join(",", rules.Children.Select(_ => "{}"))).Append(']');
                    break;
                default:
                    Value(json, entry.Value);
                    break;
            }
        }

        json.Append('}');
    }

    private static void SchemaOrValue(StringBuilder json, YamlNode node)
    {
        if (node is YamlMappingNode schema)
        {
            Schema(json, schema);
        }
        else
        {
            Value(json, node);
        }
    }

    /// <summary>Any YAML value as JSON, verbatim (defaults, enums, examples).</summary>
    private static void Value(StringBuilder json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                Mapping(json, mapping, Value);
                break;
            case YamlSequenceNode sequence:
                Sequence(json, sequence, Value);
                break;
            case YamlScalarNode scalar:
                Scalar(json, scalar);
                break;
            default:
                json.Append("null");
                break;
        }
    }

    private static void Mapping(StringBuilder json, YamlMappingNode mapping, Action<StringBuilder, YamlNode> value)
    {
        json.Append('{');
        var first = true;
        foreach (var entry in mapping.Children)
        {
            json.Append(first ? "" : ",");
            first = false;
            String(json, ((YamlScalarNode)entry.Key).Value ?? "");
            json.Append(':');
            value(json, entry.Value);
        }

        json.Append('}');
    }

    private static void Sequence(StringBuilder json, YamlSequenceNode sequence, Action<StringBuilder, YamlNode> item)
    {
        json.Append('[');
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            json.Append(i == 0 ? "" : ",");
            item(json, sequence.Children[i]);
        }

        json.Append(']');
    }

    // YAML 1.2 core schema: quoted and block scalars are strings; plain null, booleans, integers and finite floats typed.
    private static void Scalar(StringBuilder json, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            String(json, text);
            return;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                json.Append("null");
                return;
            case "true" or "True" or "TRUE":
                json.Append("true");
                return;
            case "false" or "False" or "FALSE":
                json.Append("false");
                return;
        }

        if (Integer.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            json.Append(integer.ToString(CultureInfo.InvariantCulture));
        }
        else if (Float.IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number) && !double.IsNaN(number))
        {
            json.Append(number.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            String(json, text);
        }
    }

    private static void String(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                _ when c < ' ' => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }

        json.Append('"');
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
