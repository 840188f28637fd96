using System.Diagnostics.CodeAnalysis;

namespace StackGen.Settings;

/// <summary>
/// A settings value type written as one YAML scalar (<see cref="Quantity"/>, <see cref="Duration"/>, <see cref="ImageRef"/>):
/// the type says how it parses, what a valid value looks like and, through <c>ToString()</c>, how it is displayed. The
/// binder finds it through the settings record that uses it (no registry, no assembly scanning), so a new value type
/// is this interface on one immutable record, in the engine or next to the stack that uses it.
/// </summary>
/// <remarks>Implement the members as ordinary public statics (not explicitly): the binder reads them by name.</remarks>
public interface ISettingValue<TSelf>
    where TSelf : class, ISettingValue<TSelf>
{
    /// <summary>A short name for listings (`stackgen stacks`): "quantity", "duration".</summary>
    static abstract string TypeName { get; }

    /// <summary>What a valid value looks like, for error messages: "a duration such as 90s, 5m, 1h30m or 250ms".</summary>
    static abstract string Expected { get; }

    /// <summary>The value the text writes, or false when it is not valid.</summary>
    static abstract bool TryParse(string text, [NotNullWhen(true)] out TSelf? value);

    /// <summary>The value written back as a user would write it (`stacks`, `explain`); parses to an equal value.</summary>
    string ToString();
}
