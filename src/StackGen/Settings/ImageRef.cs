using System.Text.RegularExpressions;

namespace StackGen.Settings;

/// <summary>A container image reference: repository with an optional tag and/or digest.</summary>
public sealed partial record ImageRef : ISettingValue<ImageRef>
{
    private ImageRef(string repository, string? tag, string? digest)
    {
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <inheritdoc/>
    public static string TypeName => "image";

    /// <inheritdoc/>
    public static string Expected => "an image reference such as rabbitmq:4.1.4-management or registry.example.com/team/app@sha256:<64 hex digits>";

    public string Repository { get; }

    public string? Tag { get; }

    public string? Digest { get; }

    /// <summary>Pinned means the reference cannot silently move: a digest, or a tag other than latest.</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && Tag != "latest");

    public static ImageRef Parse(string text) =>
        TryParse(text, out var image) ? image : throw new FormatException($"'{text}' is not {Expected}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageRef? image)
    {
        image = null;
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            return false;
        }

        image = new ImageRef(
            match.Groups["repository"].Value,
            match.Groups["tag"].Success ? match.Groups["tag"].Value : null,
            match.Groups["digest"].Success ? match.Groups["digest"].Value : null);
        return true;
    }

    public override string ToString() =>
        Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    [GeneratedRegex(@"^(?<repository>(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
