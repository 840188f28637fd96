using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// What the apiextensions-apiserver does with a CustomResourceDefinition: once its status says Established=True,
/// every served version of it is a kind the server serves (discovery, reads, writes); before that, and after the
/// definition is deleted, the kind does not exist. Its status moves like a controller's (see <see cref="StatusSimulator"/>).
/// </summary>
internal static class CustomResources
{
    public const string Controller = "apiextensions-apiserver";

    public static bool IsDefinition(ResourceType type) => type.Group == "apiextensions.k8s.io" && type.Kind == "CustomResourceDefinition";

    /// <summary>The kinds an established definition serves, one per served version; none before it is established.</summary>
    public static IEnumerable<ResourceType> Served(JsonObject definition)
    {
        if (!Established(definition))
        {
            yield break;
        }

        var group = JsonTree.String(definition, "spec", "group") ?? "";
        var kind = JsonTree.String(definition, "spec", "names", "kind") ?? "";
        var plural = JsonTree.String(definition, "spec", "names", "plural") ?? "";
        var namespaced = JsonTree.String(definition, "spec", "scope") != "Cluster";
        var shortNames = (definition["spec"]?["names"]?["shortNames"] as JsonArray ?? []).Select(name => (string?)name).OfType<string>().ToArray();
        foreach (var version in (definition["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((bool?)version["served"] == false || JsonTree.String(version, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            // Custom resources always track metadata.generation; status is a subresource only when the version says so.
            var traits = ResourceTraits.Generation | (version["subresources"]?["status"] is not null ? ResourceTraits.Status : ResourceTraits.None);
            yield return new ResourceType(group, name, kind, plural, namespaced, traits, shortNames);
        }
    }

    /// <summary>
    /// Removes the fields <paramref name="schema"/> (a version's openAPIV3Schema) does not declare, as the API server
    /// prunes a custom resource: below the root's apiVersion, kind and metadata, a field survives when the schema's
    /// <c>properties</c> name it, its <c>additionalProperties</c> allow it, or <c>x-kubernetes-preserve-unknown-fields</c>
    /// keeps what is under it. No value validation, no defaulting.
    /// </summary>
    public static void Prune(JsonObject obj, JsonObject schema)
    {
        foreach (var field in obj.Select(field => field.Key).Where(key => key is not ("apiVersion" or "kind" or "metadata")).ToList())
        {
            PruneField(obj, field, schema);
        }
    }

    private static void PruneField(JsonObject parent, string field, JsonObject schema)
    {
        var declared = schema["properties"]?[field] as JsonObject ?? schema["additionalProperties"] as JsonObject;
        if (declared is not null)
        {
            PruneNode(parent[field], declared);
        }
        else if ((bool?)(schema["additionalProperties"] as JsonValue) != true && (bool?)schema["x-kubernetes-preserve-unknown-fields"] != true)
        {
            parent.Remove(field);
        }
    }

    private static void PruneNode(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj when schema["properties"] is not null || schema["additionalProperties"] is not null || (bool?)schema["x-kubernetes-preserve-unknown-fields"] != true:
                foreach (var field in obj.Select(field => field.Key).ToList())
                {
                    PruneField(obj, field, schema);
                }

                break;
            case JsonArray items when schema["items"] is JsonObject itemSchema:
                foreach (var item in items)
                {
                    PruneNode(item, itemSchema);
                }

                break;
        }
    }

    public static bool Established(JsonObject definition) =>
        (definition["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(condition => JsonTree.String(condition, "type") == "Established" && JsonTree.String(condition, "status") == "True");

    /// <summary>
    /// The definition's status in a phase: names accepted and not yet established while progressing; established
    /// when ready; names not accepted (the reason and message given) on failure.
    /// </summary>
    public static JsonObject DefinitionStatus(JsonObject definition, RolloutPhase phase, string? reason, string? message, string now)
    {
        var names = definition["spec"]?["names"]?.DeepClone() as JsonObject ?? [];
        names["listKind"] ??= $"{JsonTree.String(names, "kind")}List";
        names["singular"] ??= JsonTree.String(names, "kind")?.ToLowerInvariant();
        var conditions = phase switch
        {
            RolloutPhase.Ready => new JsonArray(
                Condition("NamesAccepted", "True", "NoConflicts", "no conflicts found", now),
                Condition("Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now)),
            RolloutPhase.Failed => new JsonArray(
                Condition("NamesAccepted", "False", reason!, message!, now),
                Condition("Established", "False", "NotAccepted", "not all names are accepted", now)),
            _ => new JsonArray(
                Condition("NamesAccepted", "True", "NoConflicts", "no conflicts found", now),
                Condition("Established", "False", "Installing", "the initial names have been accepted", now)),
        };
        var stored = (definition["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(version => (bool?)version["storage"] == true)
            .Select(version => (JsonNode?)JsonTree.String(version, "name"));
        return new JsonObject
        {
            ["acceptedNames"] = phase == RolloutPhase.Failed ? new JsonObject { ["kind"] = "", ["plural"] = "" } : names,
            ["conditions"] = conditions,
            ["storedVersions"] = new JsonArray([.. stored]),
        };
    }

    /// <summary>The status of a custom resource whose controller reports a Ready condition.</summary>
    public static JsonObject ReadyStatus(JsonObject obj, RolloutPhase phase, string? reason, string? message, string now) => new()
    {
        ["observedGeneration"] = JsonTree.Integer(obj, "metadata", "generation") ?? 1,
        ["conditions"] = new JsonArray(phase switch
        {
            RolloutPhase.Ready => Condition("Ready", "True", "Reconciled", "the resource is ready", now),
            RolloutPhase.Failed => Condition("Ready", "False", reason!, message!, now),
            _ => Condition("Ready", "False", "Reconciling", "the controller is reconciling the resource", now),
        }),
    };

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
