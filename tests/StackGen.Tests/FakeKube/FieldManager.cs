using System.Globalization;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// Field ownership as the API server tracks it in <c>metadata.managedFields</c>: server-side apply (conflicts,
/// force, removal of fields an applier stopped applying) and the ownership an ordinary write (create, update,
/// merge/strategic/JSON patch) takes of the fields it changed.
/// </summary>
internal sealed class FieldManager(ResourceType type, TypeSchema schema)
{
    // Never owned by anyone: identity and bookkeeping the server sets itself.
    private static readonly string[] SystemMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink",
    ];

    /// <summary>
    /// Server-side apply of <paramref name="config"/> by <paramref name="manager"/> onto <paramref name="live"/>
    /// (null: the object does not exist yet). Returns the resulting object with its managedFields; throws a 409
    /// Conflict naming every conflicting manager and field unless <paramref name="force"/>.
    /// </summary>
    public JsonObject Apply(JsonObject? live, JsonObject config, string manager, bool force, string subresource, DateTimeOffset now)
    {
        var current = (JsonObject?)live?.DeepClone() ?? new JsonObject();
        var entries = Decode(current);
        var applied = Tracked(config, subresource);
        var fields = new FieldSet();
        StructuredMerge.Owned(applied, schema, fields);

        var mine = entries.FirstOrDefault(entry => entry.Operation == ManagedFieldsEntry.Apply && entry.Manager == manager && entry.Subresource == subresource);
        var others = entries.Where(entry => entry != mine).ToList();
        var othersFields = others.Aggregate(new FieldSet(), (union, entry) => union.Union(entry.Fields));

        var merged = (JsonObject)StructuredMerge.Merge(current, applied, schema)!;
        var abandoned = (mine?.Fields ?? new FieldSet()).Difference(fields).Difference(othersFields);
        StructuredMerge.Remove(merged, abandoned, schema, fields.Union(othersFields));

        var (changed, removed) = Diff(current, merged, subresource);
        var conflicts = others
            .Select(entry => (Entry: entry, Fields: entry.Fields.Intersection(changed)))
            .Where(conflict => !conflict.Fields.IsEmpty)
            .ToList();
        if (conflicts.Count > 0 && !force)
        {
            throw StatusError.ApplyConflict(conflicts.SelectMany(conflict => conflict.Fields.Members().Select(path => (conflict.Entry.Describe(), FieldSet.Describe(path)))));
        }

        foreach (var (entry, taken) in conflicts)
        {
            entry.Fields = entry.Fields.Difference(taken);
        }

        foreach (var entry in entries)
        {
            entry.Fields = entry.Fields.Difference(removed);
        }

        if (mine is null)
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.Apply, Subresource = subresource };
            entries.Add(mine);
        }

        var touched = mine.Time is null || !changed.IsEmpty || !removed.IsEmpty || !mine.Fields.SetEquals(fields) || mine.ApiVersion != type.ApiVersion;
        mine.Fields = fields;
        mine.ApiVersion = type.ApiVersion;
        mine.Time = touched ? Timestamp(now) : mine.Time;
        Encode(merged, entries);
        return merged;
    }

    /// <summary>
    /// Records an ordinary write: <paramref name="manager"/> takes the fields that changed between
    /// <paramref name="before"/> and <paramref name="after"/> (from whoever owned them), removed fields leave every
    /// manager. As on a real server, a request to the object itself may bring its own managedFields: they replace the
    /// live ones as the starting point (<c>[{}]</c> clears them; absent or empty keeps the live ones).
    /// </summary>
    public void Update(JsonObject? before, JsonObject after, string manager, string subresource, DateTimeOffset now)
    {
        var requested = after["metadata"]?["managedFields"] as JsonArray;
        var entries = subresource.Length > 0 || requested is null or { Count: 0 } ? Decode(before)
            : requested is [JsonObject { Count: 0 }] ? []
            : Decode(after) is { Count: > 0 } provided ? provided
            : Decode(before);
        var (changed, removed) = Diff(before ?? new JsonObject(), after, subresource);
        var mine = entries.FirstOrDefault(entry => entry.Operation == ManagedFieldsEntry.Update && entry.Manager == manager
            && entry.ApiVersion == type.ApiVersion && entry.Subresource == subresource);
        foreach (var entry in entries)
        {
            entry.Fields = (entry == mine ? entry.Fields : entry.Fields.Difference(changed)).Difference(removed);
        }

        if (!changed.IsEmpty)
        {
            if (mine is null)
            {
                mine = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.Update, ApiVersion = type.ApiVersion, Subresource = subresource };
                entries.Add(mine);
            }

            mine.Fields = mine.Fields.Union(changed);
            mine.Time = Timestamp(now);
        }

        Encode(after, entries);
    }

    /// <summary>The part of an object whose fields are owned through a request to <paramref name="subresource"/>.</summary>
    public JsonObject Tracked(JsonObject obj, string subresource)
    {
        if (subresource == "status")
        {
            return obj["status"] is JsonObject status ? new JsonObject { ["status"] = status.DeepClone() } : [];
        }

        var view = (JsonObject)obj.DeepClone();
        view.Remove("apiVersion");
        view.Remove("kind");
        if (type.Has(ResourceTraits.Status))
        {
            view.Remove("status");
        }

        if (view["metadata"] is JsonObject metadata)
        {
            foreach (var field in SystemMetadata)
            {
                metadata.Remove(field);
            }

            if (metadata.Count == 0)
            {
                view.Remove("metadata");
            }
        }

        return view;
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private (FieldSet Changed, FieldSet Removed) Diff(JsonObject before, JsonObject after, string subresource)
    {
        var (changed, removed) = (new FieldSet(), new FieldSet());
        StructuredMerge.Compare(Tracked(before, subresource), Tracked(after, subresource), schema, changed, removed);
        return (changed, removed);
    }

    private static List<ManagedFieldsEntry> Decode(JsonObject? obj) =>
        obj?["metadata"]?["managedFields"] is JsonArray entries ? [.. entries.Select(ManagedFieldsEntry.Decode).OfType<ManagedFieldsEntry>()] : [];

    // Sorted like the API server sorts them: by operation, time, manager, API version, subresource.
    private static void Encode(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = entries
            .Where(entry => !entry.Fields.IsEmpty)
            .OrderBy(entry => entry.Operation, StringComparer.Ordinal)
            .ThenBy(entry => entry.Time, StringComparer.Ordinal)
            .ThenBy(entry => entry.Manager, StringComparer.Ordinal)
            .ThenBy(entry => entry.ApiVersion, StringComparer.Ordinal)
            .ThenBy(entry => entry.Subresource, StringComparer.Ordinal)
            .Select(entry => (JsonNode)entry.Encode())
            .ToArray();
        var metadata = JsonTree.Metadata(obj);
        if (kept.Length == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = new JsonArray(kept);
        }
    }
}
