using System.Text.RegularExpressions;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// Which requests a fault applies to. Every property left null matches anything: <see cref="Any"/> matches all.
/// <see cref="Path"/> is the URL path, where <c>*</c> stands for any run of characters
/// (<c>/apis/apps/v1/namespaces/*/statefulsets/*</c>).
/// </summary>
public sealed record RequestMatch
{
    public static RequestMatch Any { get; } = new();

    /// <summary>HTTP method, compared case-insensitively: "PATCH".</summary>
    public string? Method { get; init; }

    public string? Path { get; init; }

    /// <summary>Any further condition on the request (its query, content type, body).</summary>
    public Func<RecordedRequest, bool>? Where { get; init; }

    public static RequestMatch For(string method, string? path = null) => new() { Method = method, Path = path };

    public bool Matches(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (Method is null || string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase))
            && (Path is null || Regex.IsMatch(request.Path, "^" + string.Join(".*", Path.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant))
            && (Where is null || Where(request));
    }
}
