using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using StackGen.Settings;

// README's "Adding a settings value type" example, letter for letter but for this namespace (Docs/ReadmeTests compares
// them, and binds it through a settings record the way a stack's settings would use it).
namespace StackGen.Stacks.ReadmeExample;

/// <summary>A whole percentage written as YAML users write one: 80%.</summary>
public sealed record Percentage : ISettingValue<Percentage>
{
    private Percentage(int value) => Value = value;

    public static string TypeName => "percentage";

    public static string Expected => "a whole percentage from 0% to 100%, such as 80%";

    public int Value { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out Percentage? value)
    {
        value = text.EndsWith('%')
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number <= 100
                ? new Percentage(number)
                : null;
        return value is not null;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + "%";
}
