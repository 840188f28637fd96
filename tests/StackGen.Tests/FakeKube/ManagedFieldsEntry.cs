using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// One entry of <c>metadata.managedFields</c>: who owns which fields, through which operation. As in the API
/// server's BuildManagerIdentifier, an applier is one manager whatever API version it applies through, an updater
/// one per API version (and either one per subresource).
/// </summary>
internal sealed class ManagedFieldsEntry
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string Subresource { get; init; } = "";

    public FieldSet Fields { get; set; } = new();

    /// <summary>The manager as conflict messages print it: <c>"kubectl-edit" using apps/v1</c>.</summary>
    public string Describe()
    {
        var text = JsonTree.Text(JsonValue.Create(Manager));
        if (Subresource.Length > 0)
        {
            text += $" with subresource {JsonTree.Text(JsonValue.Create(Subresource))}";
        }

        return Operation == Update ? $"{text} using {ApiVersion}" : text;
    }

    public static ManagedFieldsEntry? Decode(JsonNode? node)
    {
        if (node is not JsonObject entry || JsonTree.String(entry, "manager") is not { } manager || JsonTree.String(entry, "operation") is not { } operation)
        {
            return null;
        }

        return new ManagedFieldsEntry
        {
            Manager = manager,
            Operation = operation,
            ApiVersion = JsonTree.String(entry, "apiVersion"),
            Time = JsonTree.String(entry, "time"),
            Subresource = JsonTree.String(entry, "subresource") ?? "",
            Fields = FieldSet.FromFieldsV1(entry["fieldsV1"] as JsonObject),
        };
    }

    public JsonObject Encode()
    {
        var entry = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = Fields.ToFieldsV1(),
        };
        if (Subresource.Length > 0)
        {
            entry["subresource"] = Subresource;
        }

        return entry;
    }
}
