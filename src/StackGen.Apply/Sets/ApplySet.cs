using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Stacks;

namespace StackGen.Apply.Sets;

/// <summary>
/// The ApplySet (KEP-3659) of one stack in one environment: a parent Secret named stackgen-STACK in the
/// target namespace, and member objects labelled with the set's ID, so that `kubectl apply --prune
/// --applyset` and StackGen agree on what the set owns. Pruning only ever considers objects carrying
/// this set's part-of label.
/// </summary>
public sealed record ApplySet(string Environment, string Stack, string Namespace)
{
    public const string IdLabel = "applyset.kubernetes.io/id";
    public const string PartOfLabel = "applyset.kubernetes.io/part-of";
    public const string ToolingAnnotation = "applyset.kubernetes.io/tooling";
    public const string ContainsGroupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
    public const string AdditionalNamespacesAnnotation = "applyset.kubernetes.io/additional-namespaces";
    public const string Tooling = "stackgen/v1";

    /// <summary>Which environment a set belongs to: two environments sharing a namespace must not prune each other.</summary>
    public const string EnvironmentAnnotation = "stackgen.io/environment";

    public const string StackLabel = "stackgen.io/stack";

    public string ParentName => $"stackgen-{Stack}";

    public ObjectRef Parent => new("v1", "Secret", Namespace, ParentName);

    /// <summary>The ID every member's part-of label carries (KEP-3659's formula for a Secret parent).</summary>
    public string Id => IdFor(ParentName, Namespace, "Secret", "");

    /// <summary>
    /// applyset-BASE64URL(SHA256("NAME.NAMESPACE.KIND.GROUP"))-v1, unpadded URL-safe base64 as kubectl
    /// computes it; the prefix and suffix keep the label value starting and ending alphanumeric.
    /// </summary>
    public static string IdFor(string name, string ns, string kind, string group)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}.{ns}.{kind}.{group}"));
        var encoded = Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"applyset-{encoded}-v1";
    }

    /// <summary>A copy of <paramref name="item"/> labelled as a member of this set; the render itself is left alone.</summary>
    public JsonObject Member(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        var metadata = copy["metadata"] as JsonObject ?? [];
        copy["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? [];
        metadata["labels"] = labels;
        labels[PartOfLabel] = Id;
        return copy;
    }

    /// <summary>The parent Secret as apply sends it: the ID label and the annotations that describe the members.</summary>
    public JsonObject ParentObject(IEnumerable<GroupKind> groupKinds, IEnumerable<string> additionalNamespaces)
    {
        var annotations = new JsonObject
        {
            [ToolingAnnotation] = Tooling,
            [ContainsGroupKindsAnnotation] = FormatGroupKinds(groupKinds),
            [EnvironmentAnnotation] = Environment,
        };
        var namespaces = additionalNamespaces.Where(n => n != Namespace).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (namespaces.Length > 0)
        {
            annotations[AdditionalNamespacesAnnotation] = string.Join(',', namespaces);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = ParentName,
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject
                {
                    [IdLabel] = Id,
                    [StandardLabels.ManagedBy] = StandardLabels.Manager,
                    [StackLabel] = Stack,
                },
                ["annotations"] = annotations,
            },
            ["type"] = "stackgen.io/applyset",
        };
    }

    /// <summary>Sorted, comma-separated Kind.group, as kubectl writes contains-group-kinds.</summary>
    public static string FormatGroupKinds(IEnumerable<GroupKind> groupKinds) =>
        string.Join(',', groupKinds.Select(g => g.ToString()).Distinct().Order(StringComparer.Ordinal));

    public static IReadOnlyList<GroupKind> ParseGroupKinds(string? annotation) =>
        [.. (annotation ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GroupKind.Parse)];

    /// <summary>What a live parent says: its kinds and namespaces (empty when there is no parent yet).</summary>
    public static (IReadOnlyList<GroupKind> GroupKinds, IReadOnlyList<string> Namespaces) Describe(JsonObject? parent)
    {
        var annotations = parent?["metadata"]?["annotations"] as JsonObject;
        return (
            ParseGroupKinds((string?)annotations?[ContainsGroupKindsAnnotation]),
            [.. ((string?)annotations?[AdditionalNamespacesAnnotation] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }
}
