using System.Globalization;
using StackGen.Layering;
using StackGen.Settings;

namespace StackGen.Binding;

/// <summary>A setting type written as one YAML scalar, with its parser and what a user must write.</summary>
public sealed class ScalarType
{
    private readonly Func<ScalarNode, object?> _parse;

    private ScalarType(string name, string expected, Func<ScalarNode, object?> parse, Func<object, string> display)
    {
        Name = name;
        Expected = expected;
        _parse = parse;
        Display = display;
    }

    /// <summary>Short name for listings ("integer", "quantity").</summary>
    public string Name { get; }

    /// <summary>What a valid value looks like, for error messages.</summary>
    public string Expected { get; }

    public Func<object, string> Display { get; }

    /// <summary>The parsed value, or null when the text is not valid for this type.</summary>
    public object? Parse(ScalarNode node) => _parse(node);

    public static ScalarType? For(Type type)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (type.IsEnum)
        {
            return Enums.GetOrAdd(type, CreateEnum);
        }

        return null;
    }

    // Enum scalar types are built once per enum type (a memo of a pure function of the type).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ScalarType> Enums = new();

    private static ScalarType CreateEnum(Type type)
    {
        var names = Enum.GetNames(type);
        var shown = names.Select(SettingNames.Key).ToArray();
        return new ScalarType(
            string.Join("|", shown),
            "one of " + string.Join(", ", shown),
            node => names.FirstOrDefault(n => SettingNames.Normalize(n) == SettingNames.Normalize(node.Text)) is { } match ? Enum.Parse(type, match) : null,
            value => SettingNames.Key(value.ToString()!));
    }

    private static readonly Dictionary<Type, ScalarType> Known = new()
    {
        [typeof(string)] = new("string", "a string", node => node.Text, value => (string)value),
        [typeof(int)] = new(
            "integer",
            "an integer",
            node => node.IsPlain && int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
            value => ((int)value).ToString(CultureInfo.InvariantCulture)),
        [typeof(long)] = new(
            "integer",
            "an integer",
            node => node.IsPlain && long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
            value => ((long)value).ToString(CultureInfo.InvariantCulture)),
        [typeof(bool)] = new(
            "boolean",
            "true or false",
            node => node.IsPlain ? node.Text switch { "true" => true, "false" => false, _ => null } : null,
            value => (bool)value ? "true" : "false"),
        [typeof(Quantity)] = new("quantity", Quantity.Expected, node => Quantity.TryParse(node.Text, out var q) ? q : null, value => value.ToString()!),
        [typeof(ImageRef)] = new("image", ImageRef.Expected, node => ImageRef.TryParse(node.Text, out var i) ? i : null, value => value.ToString()!),
        [typeof(ReleaseVersion)] = new("version", ReleaseVersion.Expected, node => ReleaseVersion.TryParse(node.Text, out var v) ? v : null, value => value.ToString()!),
        [typeof(Duration)] = new("duration", Duration.Expected, node => Duration.TryParse(node.Text, out var d) ? d : null, value => value.ToString()!),
    };
}
