using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Sets;
using StackGen.Stacks;

namespace StackGen.Apply.History;

/// <summary>
/// A stack's revisions, in a Secret stackgen-STACK-history beside the set's parent and owned by it (deleting
/// the parent deletes the history). One data key per revision, gzipped JSON; the last <see cref="Kept"/> are kept.
/// </summary>
public sealed class HistoryStore(ResourceClient client, ApplySet set)
{
    public const int Kept = 10;
    private const string KeyPrefix = "revision-";

    public ObjectRef Secret => new("v1", "Secret", set.Namespace, $"stackgen-{set.Stack}-history");

    /// <summary>Every kept revision, oldest first.</summary>
    public async Task<IReadOnlyList<Revision>> ListAsync(CancellationToken cancel) =>
        Read(await client.GetAsync(Secret, cancel).ConfigureAwait(false));

    /// <summary>Records <paramref name="revision"/> under the next number and drops the oldest beyond <see cref="Kept"/>.</summary>
    /// <param name="parent">The set's live parent Secret: the history's owner.</param>
    public async Task<Revision> RecordAsync(Revision revision, JsonObject parent, CancellationToken cancel)
    {
        var existing = await ListAsync(cancel).ConfigureAwait(false);
        var recorded = revision with { Number = existing.Count == 0 ? 1 : existing[^1].Number + 1 };
        var data = new JsonObject();
        foreach (var kept in existing.Append(recorded).TakeLast(Kept))
        {
            data[KeyPrefix + kept.Number.ToString(CultureInfo.InvariantCulture)] = Encode(kept);
        }

        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = Secret.Name,
                ["namespace"] = Secret.Namespace,
                ["labels"] = new JsonObject { [StandardLabels.ManagedBy] = StandardLabels.Manager, [ApplySet.StackLabel] = set.Stack },
                ["annotations"] = new JsonObject { [ApplySet.EnvironmentAnnotation] = set.Environment },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["name"] = set.ParentName,
                    ["uid"] = (string?)parent["metadata"]?["uid"] ?? throw new InvalidOperationException($"{set.Parent} has no uid"),
                }),
            },
            ["type"] = "stackgen.io/history",
            ["data"] = data,
        };
        await client.ApplyAsync(secret, dryRun: false, force: false, cancel).ConfigureAwait(false);
        return recorded;
    }

    public static IReadOnlyList<Revision> Read(JsonObject? secret) =>
        [.. (secret?["data"] as JsonObject ?? [])
            .Where(entry => entry.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) && entry.Value is not null)
            .Select(entry => Decode((string)entry.Value!))
            .OrderBy(r => r.Number)];

    /// <summary>base64(gzip(JSON)): the Secret's data is base64 on the wire, and manifests compress tenfold.</summary>
    public static string Encode(Revision revision)
    {
        var json = new JsonObject
        {
            ["revision"] = revision.Number,
            ["when"] = revision.When.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["who"] = revision.Who,
            ["commit"] = revision.Commit,
            ["environment"] = revision.Environment,
            ["stack"] = revision.Stack,
            ["description"] = revision.Description,
            ["objects"] = revision.ObjectCount,
            ["manifest"] = revision.Manifest,
            ["settings"] = new JsonArray([.. revision.Settings.Select(s => (JsonNode)new JsonObject { ["path"] = s.Path, ["value"] = s.Value, ["source"] = s.Source })]),
        };
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json.ToJsonString()));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    public static Revision Decode(string encoded)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(encoded)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var json = JsonNode.Parse(reader.ReadToEnd()) as JsonObject ?? throw new InvalidDataException("a revision is not a JSON object");
        return new Revision(
            (int?)json["revision"] ?? 0,
            DateTimeOffset.Parse((string?)json["when"] ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            (string?)json["who"] ?? "",
            (string?)json["commit"],
            (string?)json["environment"] ?? "",
            (string?)json["stack"] ?? "",
            (string?)json["description"] ?? "",
            (int?)json["objects"] ?? 0,
            (string?)json["manifest"] ?? "",
            [.. (json["settings"] as JsonArray ?? []).OfType<JsonObject>().Select(s => new RevisionSetting((string?)s["path"] ?? "", (string?)s["value"] ?? "", (string?)s["source"] ?? ""))]);
    }
}
