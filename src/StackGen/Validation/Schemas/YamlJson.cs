using System.Globalization;
using System.Text.Json.Nodes;
using StackGen.Layering;

namespace StackGen.Validation.Schemas;

/// <summary>
/// A YAML tree (as the layer reader keeps it) as the JSON the API server would decode from it: plain scalars resolve
/// by the YAML core schema (null, booleans, integers, floats), quoted ones stay strings.
/// </summary>
internal static class YamlJson
{
    public static JsonNode? From(SettingNode? node) => node switch
    {
        MappingNode mapping => Mapping(mapping),
        SequenceNode sequence => new JsonArray([.. sequence.Items.Select(From)]),
        ScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject Mapping(MappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var entry in mapping.Entries)
        {
            result[entry.Key] = From(entry.Value);
        }

        return result;
    }

    private static JsonValue? Scalar(ScalarNode scalar)
    {
        if (!scalar.IsPlain)
        {
            return JsonValue.Create(scalar.Text);
        }

        if (scalar.IsNull)
        {
            return null;
        }

        switch (scalar.Text)
        {
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        var first = scalar.Text.Length > 0 ? scalar.Text[0] : ' ';
        return (char.IsAsciiDigit(first) || first is '-' or '+' or '.')
            && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? JsonValue.Create(number)
            : JsonValue.Create(scalar.Text);
    }
}
