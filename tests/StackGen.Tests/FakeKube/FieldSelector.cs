using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// A <c>fieldSelector</c> query: comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>.
/// Like the API server, each kind supports only some fields (metadata.name and metadata.namespace everywhere,
/// involvedObject.* and friends on Events); anything else is a 400 <c>field label not supported</c>.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> ByKind = new(StringComparer.Ordinal)
    {
        ["Event"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
        ["Pod"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
        ["Job"] = ["status.successful"],
    };

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _requirements;

    private FieldSelector(IReadOnlyList<(string, bool, string)> requirements) => _requirements = requirements;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        var supported = Common.Concat(ByKind.GetValueOrDefault(type.Kind, [])).ToHashSet(StringComparer.Ordinal);
        var requirements = new List<(string, bool, string)>();
        foreach (var requirement in text.Split(','))
        {
            var (field, equal, value) = requirement.Split("!=", 2) is [var f, var v]
                ? (f, false, v)
                : requirement.Split('=', 2) is [var g, var w]
                    ? (g, true, w.StartsWith('=') ? w[1..] : w)
                    : throw StatusError.BadRequest($"invalid selector: '{text}'; can't understand '{requirement}'");
            field = field.Trim();
            if (!supported.Contains(field))
            {
                throw StatusError.BadRequest($"field label not supported: {field}");
            }

            requirements.Add((field, equal, value.Trim()));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonObject obj) => _requirements.All(requirement => (Value(obj, requirement.Field) == requirement.Value) == requirement.Equal);

    private static string Value(JsonObject obj, string field)
    {
        var path = field == "source" ? ["source", "component"] : field.Split('.');
        JsonNode? node = obj;
        foreach (var key in path)
        {
            node = (node as JsonObject)?[key];
        }

        return node is JsonValue value ? (JsonTree.String(value) ?? JsonTree.Text(value)) : "";
    }
}
