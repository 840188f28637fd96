using System.Globalization;
using System.Text.RegularExpressions;

namespace StackGen.Settings;

/// <summary>A duration written the Kubernetes/Go way: 90s, 5m, 1h30m, 250ms.</summary>
public sealed partial record Duration : ISettingValue<Duration>
{
    private Duration(string text, TimeSpan value)
    {
        Text = text;
        Value = value;
    }

    /// <inheritdoc/>
    public static string TypeName => "duration";

    /// <inheritdoc/>
    public static string Expected => "a duration such as 90s, 5m, 1h30m or 250ms";

    public string Text { get; }

    public TimeSpan Value { get; }

    public static Duration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not {Expected}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Duration? duration)
    {
        duration = null;
        if (!Grammar().IsMatch(text))
        {
            return false;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in Part().Matches(text))
        {
            var number = double.Parse(part.Groups["number"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
        }

        duration = new Duration(text, total);
        return true;
    }

    public static Duration FromSeconds(int seconds) => Parse($"{seconds}s");

    public override string ToString() => Text;

    [GeneratedRegex(@"^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    [GeneratedRegex(@"(?<number>[0-9]+(?:\.[0-9]+)?)(?<unit>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
