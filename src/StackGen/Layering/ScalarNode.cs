using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StackGen.Layering;

/// <summary>A YAML scalar as written. Plain scalars may be numbers, booleans or null; quoted ones are always strings.</summary>
public sealed partial record ScalarNode : SettingNode
{
    public required string Text { get; init; }

    public required bool IsPlain { get; init; }

    public bool IsNull => IsPlain && Text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// The JSON value a YAML 1.2 core-schema reader (helm's, the API server's) decodes the scalar to: quoted text is a
    /// string; plain null, booleans, integers and finite floats take their type; anything else is a string.
    /// </summary>
    public JsonValue? ToJsonValue()
    {
        if (!IsPlain)
        {
            return JsonValue.Create(Text);
        }

        if (IsNull)
        {
            return null;
        }

        return Text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            var text when Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            var text when Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            var text => JsonValue.Create(text),
        };
    }

    public override string Describe() => IsNull ? "null" : IsPlain ? $"'{Text}'" : $"the string \"{Text}\"";

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
