using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>An answer of the fake API server: status code, JSON body, extra headers (Warning, Retry-After).</summary>
internal sealed record ApiResponse(int StatusCode, JsonNode Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static ApiResponse From(StatusError error) => new(error.Code, error.ToStatus()) { Headers = [.. error.Headers] };
}
