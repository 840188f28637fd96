using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// A failed request, answered with a <c>v1 Status</c> body the way the API server's apimachinery errors are:
/// code, reason, message and details (name, group, kind, causes).
/// </summary>
internal sealed class StatusError : Exception
{
    public const string OptimisticLock = "the object has been modified; please apply your changes to the latest version and try again";

    public StatusError(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public StatusError()
        : this(500, "InternalError", "Internal error occurred")
    {
    }

    public StatusError(string message)
        : this(500, "InternalError", message)
    {
    }

    public StatusError(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; } = "InternalError";

    public JsonObject? Details { get; }

    /// <summary>Any extra response headers (Retry-After).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }

    public static StatusError NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", ObjectDetails(type, name));

    public static StatusError NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static StatusError NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static StatusError AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", ObjectDetails(type, name));

    public static StatusError Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {why}", ObjectDetails(type, name));

    /// <summary>422 Invalid, e.g. <c>Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable</c>.</summary>
    public static StatusError Invalid(string group, string kind, string name, params Cause[] causes)
    {
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        var summary = causes.Length == 1
            ? $"{causes[0].Field}: {causes[0].Message}"
            : $"[{string.Join(", ", causes.Select(cause => $"{cause.Field}: {cause.Message}"))}]";
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = new JsonArray([.. causes.Select(cause => (JsonNode)new JsonObject
        {
            ["reason"] = cause.Reason,
            ["message"] = cause.Message,
            ["field"] = cause.Field,
        })]);
        return new StatusError(422, "Invalid", $"{qualified} \"{name}\" is invalid: {summary}", details);
    }

    public static StatusError Invalid(ResourceType type, string name, params Cause[] causes) => Invalid(type.Group, type.Kind, name, causes);

    public static StatusError BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusError Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StatusError MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static StatusError UnsupportedMediaType(string? contentType, params string[] accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format ({contentType ?? "none"}) - accepted media types include: {string.Join(", ", accepted)}");

    public static StatusError TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds })
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public static StatusError Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    /// <summary>The 409 of a server-side apply that would overwrite other managers' fields, worded as the API server words it.</summary>
    public static StatusError ApplyConflict(IEnumerable<(string Manager, string Field)> conflicts)
    {
        var all = conflicts.ToList();
        var message = all.Count == 1
            ? $"Apply failed with 1 conflict: conflict with {all[0].Manager}: {all[0].Field}"
            : $"Apply failed with {all.Count} conflicts: " + string.Join("\n", all
                .GroupBy(conflict => conflict.Manager)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .SelectMany(group => group.Select(conflict => $"- {conflict.Field}").Prepend($"conflicts with {group.Key}:")));
        var causes = new JsonArray([.. all.Select(conflict => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {conflict.Manager}",
            ["field"] = conflict.Field,
        })]);
        return new StatusError(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }

    private static JsonObject ObjectDetails(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        return details;
    }

    /// <summary>One cause of a 422: its reason (FieldValueInvalid, FieldValueRequired, FieldValueForbidden), field and message.</summary>
    internal readonly record struct Cause(string Reason, string Field, string Message);
}
