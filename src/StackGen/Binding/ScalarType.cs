using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using StackGen.Layering;
using StackGen.Settings;

namespace StackGen.Binding;

/// <summary>
/// A setting type written as one YAML scalar, with its parser and what a user must write: the built-in strings, numbers,
/// booleans and enums, and every type that describes itself as an <see cref="ISettingValue{TSelf}"/>.
/// </summary>
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

    public static ScalarType? For(Type type) =>
        Known.TryGetValue(type, out var known) ? known : Described.GetOrAdd(type, Describe);

    // Enum and ISettingValue scalar types are built once per type, and so is the answer "not a scalar" (asked for every
    // record, list and map the binder walks): a memo of a pure function of the type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ScalarType?> Described = new();

    private static ScalarType? Describe(Type type) =>
        type.IsEnum ? CreateEnum(type)
        : IsSettingValue(type) ? CreateSettingValue(type)
        : null;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.SettingsAreRooted)]
    private static bool IsSettingValue(Type type) =>
        type.IsClass && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISettingValue<>) && i.GetGenericArguments()[0] == type);

    /// <summary>
    /// The scalar type an <see cref="ISettingValue{TSelf}"/> describes, read from its static members by reflection: the
    /// settings records and their value types live in assemblies the CLI roots (see <see cref="Trimming"/>), and a
    /// generic instantiation made at run time would not be safe under Native AOT.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.SettingsAreRooted)]
    private static ScalarType CreateSettingValue(Type type)
    {
        const BindingFlags statics = BindingFlags.Public | BindingFlags.Static;
        string Text(string name) => type.GetProperty(name, statics)?.GetValue(null) as string
            ?? throw new InvalidOperationException($"{type.FullName} implements ISettingValue but has no public static {name}; implement its members implicitly");
        var tryParse = type.GetMethods(statics).SingleOrDefault(m => m.Name == "TryParse" && m.GetParameters() is [{ } text, { } value]
                && text.ParameterType == typeof(string) && value.ParameterType.IsByRef && value.ParameterType.GetElementType() == type)
            ?? throw new InvalidOperationException($"{type.FullName} implements ISettingValue but has no public static TryParse(string, out {type.Name}?); implement its members implicitly");
        return new ScalarType(
            Text(nameof(ISettingValue<>.TypeName)),
            Text(nameof(ISettingValue<>.Expected)),
            node =>
            {
                object?[] arguments = [node.Text, null];
                // Unwrapped: the binder reports a value too large for the type (an OverflowException) as a range error.
                return tryParse.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null) is true ? arguments[1] : null;
            },
            value => value.ToString()!);
    }

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

    // The language's own scalars. Value types of the engine and the stacks describe themselves (ISettingValue).
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
    };
}
