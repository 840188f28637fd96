using System.Globalization;
using System.Text.RegularExpressions;

namespace StackGen.Settings;

/// <summary>
/// A program's release version, MAJOR.MINOR[.PATCH] (5.5.0, 4.1), compared numerically: what a stack states it
/// needs of an image (Celery in the app image, the RabbitMQ server).
/// </summary>
public sealed partial record ReleaseVersion : IComparable<ReleaseVersion>, ISettingValue<ReleaseVersion>
{
    private ReleaseVersion(string text, int major, int minor, int patch)
    {
        Text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <inheritdoc/>
    public static string TypeName => "version";

    /// <inheritdoc/>
    public static string Expected => "a release version such as 5.5.0 or 4.1 (MAJOR.MINOR[.PATCH])";

    public string Text { get; }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    public static ReleaseVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not {Expected}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReleaseVersion? version)
    {
        var match = Grammar().Match(text);
        version = match.Success && match.Length == text.Length ? FromMatch(text, match) : null;
        return version is not null;
    }

    /// <summary>
    /// The version an image tag starts with (4.1.4 of 4.1.4-management; a floating major tag such as 3-management
    /// counts as 3.0), or null when the tag names none (latest, management).
    /// </summary>
    public static ReleaseVersion? Leading(string tag)
    {
        var match = TagGrammar().Match(tag);
        return match.Success ? FromMatch(match.Value, match) : null;
    }

    public int CompareTo(ReleaseVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => Text;

    private static ReleaseVersion? FromMatch(string text, Match match) =>
        Number(match.Groups["major"]) is { } major
        && (match.Groups["minor"].Success ? Number(match.Groups["minor"]) : 0) is { } minor
        && (match.Groups["patch"].Success ? Number(match.Groups["patch"]) : 0) is { } patch
            ? new ReleaseVersion(text, major, minor, patch)
            : null;

    private static int? Number(Group group) =>
        int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"^(?<major>[0-9]{1,9})\.(?<minor>[0-9]{1,9})(?:\.(?<patch>[0-9]{1,9}))?", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    // A version at the start of a tag, ending at the tag's end or at a character that is neither digit nor dot.
    [GeneratedRegex(@"^(?<major>[0-9]{1,9})(?:\.(?<minor>[0-9]{1,9})(?:\.(?<patch>[0-9]{1,9}))?)?(?![0-9.])", RegexOptions.CultureInvariant)]
    private static partial Regex TagGrammar();
}
