using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>An answer of the fake API server: status code, JSON body (or text), extra headers (Warning, Retry-After).</summary>
internal sealed record ApiResponse(int StatusCode, JsonNode Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A text/plain answer (a pod's log) instead of <see cref="Body"/>.</summary>
    public string? Text { get; init; }

    public static ApiResponse From(StatusError error) => new(error.Code, error.ToStatus()) { Headers = [.. error.Headers] };
}
