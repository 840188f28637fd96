using System.Text.Json.Nodes;
using StackGen.Naming;
using Cause = StackGen.Tests.FakeKube.StatusError.Cause;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The part of the API server's validation an apply engine runs into: object names, and the fields a kind does not
/// let an update change (Deployment selectors, most of a StatefulSet's spec, a bound claim's spec, an immutable
/// ConfigMap's data, a RoleBinding's roleRef). Failures are 422 Invalid with the real messages. Names are checked by
/// StackGen's <see cref="Names"/>, which passes apimachinery's own test tables (a Regex '$' here let "a\n" through).
/// </summary>
internal static class Validation
{
    private const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private static readonly string[] StatefulSetMutable =
        ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    private static readonly string[] DataFields = ["data", "binaryData", "stringData"];

    public static void Name(ResourceType type, string name)
    {
        var (accepts, max, rule) = type.Kind switch
        {
            "Namespace" => (Names.IsDnsLabel(name), Names.DnsLabelMaxLength, Label),
            "Service" => (Names.IsDns1035Label(name), Names.DnsLabelMaxLength, Dns1035),
            _ => (Names.IsDnsSubdomain(name), Names.DnsSubdomainMaxLength, Subdomain),
        };
        if (name.Length > max)
        {
            throw StatusError.Invalid(type, name, new Cause("FieldValueTooLong", "metadata.name", $"Too long: may not be more than {max} bytes"));
        }

        if (!accepts)
        {
            throw StatusError.Invalid(type, name, new Cause("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {rule}"));
        }
    }

    public static void Update(ResourceType type, string name, JsonObject before, JsonObject after)
    {
        var causes = (type.Group, type.Kind) switch
        {
            ("apps", "Deployment" or "DaemonSet" or "ReplicaSet") => Immutable(before, after, "spec", "selector"),
            ("apps", "StatefulSet") => Unchanged(Without(before["spec"], StatefulSetMutable), Without(after["spec"], StatefulSetMutable))
                ? []
                : [new Cause("FieldValueForbidden", "spec", "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")],
            ("batch", "Job") => [.. Immutable(before, after, "spec", "selector"), .. Immutable(before, after, "spec", "template"), .. Immutable(before, after, "spec", "completions")],
            ("", "PersistentVolumeClaim") when JsonTree.String(before, "status", "phase") == "Bound"
                && !Unchanged(Without(before["spec"], "resources", "volumeAttributesClassName"), Without(after["spec"], "resources", "volumeAttributesClassName")) =>
                [new Cause("FieldValueForbidden", "spec", "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims")],
            ("", "ConfigMap" or "Secret") when IsTrue(before["immutable"]) => ImmutableData(before, after),
            ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding") when !Unchanged(before["roleRef"], after["roleRef"]) =>
                [new Cause("FieldValueInvalid", "roleRef", $"Invalid value: {JsonTree.Text(after["roleRef"])}: cannot change roleRef")],
            _ => [],
        };
        if (causes.Length > 0)
        {
            throw StatusError.Invalid(type, name, causes);
        }
    }

    private static Cause[] ImmutableData(JsonObject before, JsonObject after)
    {
        Cause[] causes =
        [
            .. DataFields
                .Where(field => !Unchanged(before[field], after[field]))
                .Select(field => new Cause("FieldValueForbidden", field, "Forbidden: field is immutable when `immutable` is set")),
        ];
        return IsTrue(after["immutable"])
            ? causes
            : [.. causes, new Cause("FieldValueForbidden", "immutable", "Forbidden: field is immutable when `immutable` is set")];
    }

    private static Cause[] Immutable(JsonObject before, JsonObject after, params string[] path)
    {
        var (old, now) = (Walk(before, path), Walk(after, path));
        return Unchanged(old, now) ? [] : [new Cause("FieldValueInvalid", string.Join('.', path), $"Invalid value: {JsonTree.Text(now)}: field is immutable")];
    }

    private static bool IsTrue(JsonNode? flag) => flag is JsonValue value && value.TryGetValue<bool>(out var set) && set;

    private static JsonNode? Walk(JsonNode? node, string[] path)
    {
        foreach (var key in path)
        {
            node = (node as JsonObject)?[key];
        }

        return node;
    }

    private static bool Unchanged(JsonNode? before, JsonNode? after) => JsonTree.Equal(JsonTree.WithoutNulls(before), JsonTree.WithoutNulls(after));

    private static JsonObject? Without(JsonNode? spec, params string[] fields)
    {
        if (spec is not JsonObject obj)
        {
            return null;
        }

        var copy = (JsonObject)obj.DeepClone();
        foreach (var field in fields)
        {
            copy.Remove(field);
        }

        return copy;
    }
}
