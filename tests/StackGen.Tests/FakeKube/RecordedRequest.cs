namespace StackGen.Tests.FakeKube;

/// <summary>One request as it went over the wire to the fake API server, and the status code it got back.</summary>
/// <param name="Number">1-based arrival order over the server's lifetime; every request counts, discovery included.</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">URL path, without the query.</param>
/// <param name="Query">Raw query string without the leading '?', "" when none.</param>
/// <param name="ContentType">The Content-Type header as sent, parameters included; null when absent.</param>
/// <param name="Body">Request body as text, "" when none.</param>
public sealed record RecordedRequest(long Number, string Method, string Path, string Query, string? ContentType, string Body)
{
    /// <summary>Response status code; null when the server dropped the connection instead of answering.</summary>
    public int? StatusCode { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The Content-Type without parameters: "application/apply-patch+yaml".</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim();

    /// <summary>The first value of a query parameter, decoded; null when absent.</summary>
    public string? QueryValue(string name) => QueryValues(name) is [var first, ..] ? first : null;

    /// <summary>Every value of a query parameter, decoded the way the API server (Go's url.ParseQuery) decodes them.</summary>
    public IReadOnlyList<string> QueryValues(string name) =>
    [
        .. Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => Decode(pair[0]) == name)
            .Select(pair => pair.Length == 2 ? Decode(pair[1]) : ""),
    ];

    public override string ToString() => $"#{Number} {Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dropped"}";

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
