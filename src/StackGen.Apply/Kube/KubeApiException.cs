using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StackGen.Apply.Kube;

/// <summary>
/// The API server refused a request (after retries, when the failure was transient), or could not be
/// reached. Carries the server's Status: reason, message and, for apply conflicts, the conflicting fields.
/// </summary>
public sealed partial class KubeApiException : Exception
{
    public KubeApiException(string message, HttpStatusCode? status = null, string? reason = null, IReadOnlyList<FieldConflict>? conflicts = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Reason = reason;
        Conflicts = conflicts ?? [];
    }

    /// <summary>The HTTP status; null when no response came back.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The Status reason: NotFound, AlreadyExists, Conflict, Invalid...</summary>
    public string? Reason { get; }

    /// <summary>Server-side apply field conflicts (409 with FieldManagerConflict causes).</summary>
    public IReadOnlyList<FieldConflict> Conflicts { get; }

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    public bool IsAlreadyExists => Status == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>A 409 that is not an ownership conflict: an optimistic-concurrency race, worth a retry.</summary>
    public bool IsRetryableConflict => Status == HttpStatusCode.Conflict && Conflicts.Count == 0 && Reason != "AlreadyExists";

    /// <summary>Reads a response body that should be a metav1.Status; falls back to the raw text.</summary>
    public static KubeApiException FromResponse(string what, HttpStatusCode status, string body)
    {
        string? reason = null;
        var message = body.Trim();
        var conflicts = new List<FieldConflict>();
        try
        {
            if (JsonNode.Parse(body) is JsonObject parsed && (string?)parsed["kind"] == "Status")
            {
                reason = (string?)parsed["reason"];
                message = (string?)parsed["message"] ?? message;
                foreach (var cause in (parsed["details"]?["causes"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if ((string?)cause["reason"] == "FieldManagerConflict")
                    {
                        var text = (string?)cause["message"] ?? "";
                        var manager = ConflictManager().Match(text) is { Success: true } m ? m.Groups["manager"].Value : text;
                        conflicts.Add(new FieldConflict((string?)cause["field"] ?? "", manager, text));
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status (a proxy's HTML error page, say): the raw text is the best message there is.
        }

        if (message.Length == 0)
        {
            message = status.ToString();
        }

        return new KubeApiException($"{what}: {(int)status} {reason ?? status.ToString()}: {message}", status, reason ?? status.ToString(), conflicts);
    }

    // The server words each conflict as: conflict with "kubectl-edit" using apps/v1 (at 2024-...)
    [GeneratedRegex("conflict with \"(?<manager>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ConflictManager();
}
