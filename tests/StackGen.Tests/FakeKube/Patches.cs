using System.Globalization;
using System.Text.Json.Nodes;
using Shape = StackGen.Tests.FakeKube.TypeSchema.Shape;

namespace StackGen.Tests.FakeKube;

/// <summary>The non-apply PATCH flavours: JSON merge patch (RFC 7386), strategic merge patch, JSON patch (RFC 6902).</summary>
internal static class Patches
{
    /// <summary>RFC 7386: objects merge key by key, null deletes, anything else (lists included) replaces.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject fields)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : [];
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }

        return result;
    }

    /// <summary>
    /// Strategic merge patch: a merge patch where lists whose schema says <c>x-kubernetes-patch-strategy: merge</c>
    /// merge item by item on their merge key (or as sets of scalars), honouring the <c>$patch: delete|replace</c> and
    /// <c>$deleteFromPrimitiveList/</c> directives. Where the schema knows nothing, lists of objects that all carry a
    /// <c>name</c> merge by name.
    /// </summary>
    public static JsonNode? Strategic(JsonNode? target, JsonNode? patch, TypeSchema schema)
    {
        if (patch is not JsonObject fields)
        {
            return patch?.DeepClone();
        }

        if (JsonTree.String(fields, "$patch") == "replace")
        {
            return WithoutDirectives(fields);
        }

        var result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : [];
        foreach (var (name, value) in fields)
        {
            if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var list = name["$deleteFromPrimitiveList/".Length..];
                if (result[list] is JsonArray values && value is JsonArray doomed)
                {
                    result[list] = new JsonArray([.. values.Where(item => !doomed.Any(gone => JsonTree.Equal(gone, item))).Select(item => item?.DeepClone())]);
                }

                continue;
            }

            if (name.StartsWith('$'))
            {
                continue;
            }

            var field = schema.Field(name) ?? TypeSchema.Untyped;
            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonArray items)
            {
                result[name] = StrategicList(result[name] as JsonArray, items, field);
            }
            else
            {
                result[name] = Strategic(result[name], value, field.For(value));
            }
        }

        return result;
    }

    /// <summary>RFC 6902 operations on a copy of the target; a failing operation or test is a 422 as on the API server.</summary>
    public static JsonNode? Json(JsonNode? target, JsonArray operations, ResourceType type, string name)
    {
        var document = target?.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = JsonTree.String(operation, "op");
            var path = JsonTree.String(operation, "path") ?? "";
            document = op switch
            {
                "add" => Add(document, path, operation["value"]?.DeepClone()),
                "remove" => Take(document, path, out _),
                "replace" => Add(Take(document, path, out _), path, operation["value"]?.DeepClone()),
                "move" => MoveOrCopy(document, JsonTree.String(operation, "from") ?? "", path, move: true),
                "copy" => MoveOrCopy(document, JsonTree.String(operation, "from") ?? "", path, move: false),
                "test" => JsonTree.Equal(Find(document, path), operation["value"]) ? document : throw Failed($"testing value {path} failed"),
                _ => throw Failed($"unexpected kind: {op}"),
            };
        }

        return document;

        StatusError Failed(string why) => StatusError.Invalid(type, name, new StatusError.Cause("FieldValueInvalid", "patch", $"Invalid value: \"json-patch\": {why}"));

        JsonNode? MoveOrCopy(JsonNode? doc, string from, string to, bool move)
        {
            var value = Find(doc, from)?.DeepClone() ?? throw Failed($"\"from\" path {from} does not exist");
            return Add(move ? Take(doc, from, out _) : doc, to, value);
        }

        JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
        {
            if (pointer.Length == 0)
            {
                return value;
            }

            var (parent, last) = Parent(doc, pointer);
            switch (parent)
            {
                case JsonObject obj:
                    obj[last] = value;
                    break;
                case JsonArray array when last == "-":
                    array.Add(value);
                    break;
                case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                    array.Insert(index, value);
                    break;
                default:
                    throw Failed($"add operation does not apply: doc is missing path: \"{pointer}\"");
            }

            return doc;
        }

        JsonNode? Take(JsonNode? doc, string pointer, out JsonNode? taken)
        {
            var (parent, last) = Parent(doc, pointer);
            switch (parent)
            {
                case JsonObject obj when obj.TryGetPropertyValue(last, out taken):
                    obj.Remove(last);
                    return doc;
                case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    taken = array[index];
                    array.RemoveAt(index);
                    return doc;
                default:
                    throw Failed($"remove operation does not apply: doc is missing path: \"{pointer}\"");
            }
        }

        (JsonNode? Parent, string Last) Parent(JsonNode? doc, string pointer)
        {
            var slash = pointer.LastIndexOf('/');
            return slash < 0 ? throw Failed($"invalid path \"{pointer}\"") : (Find(doc, pointer[..slash]), Unescape(pointer[(slash + 1)..]));
        }
    }

    private static JsonNode? Find(JsonNode? doc, string pointer)
    {
        if (pointer.Length == 0)
        {
            return doc;
        }

        foreach (var token in pointer[1..].Split('/').Select(Unescape))
        {
            doc = doc switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return doc;
    }

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static JsonArray StrategicList(JsonArray? target, JsonArray patch, TypeSchema schema)
    {
        var mergeKey = schema.PatchMergeKey;
        var merges = schema.PatchStrategy?.Split(',').Contains("merge") == true;
        if (schema.Kind == Shape.Untyped && patch.Count > 0 && patch.All(item => item is JsonObject obj && obj.ContainsKey("name")))
        {
            (mergeKey, merges) = ("name", true);
        }

        if (!merges || target is null)
        {
            return new JsonArray([.. patch.Where(item => JsonTree.String(item, "$patch") != "delete").Select(item => item is JsonObject obj ? WithoutDirectives(obj) : item?.DeepClone())]);
        }

        var result = target.Select(item => item?.DeepClone()).ToList();
        foreach (var item in patch)
        {
            if (mergeKey is null || item is not JsonObject fields)
            {
                if (!result.Any(existing => JsonTree.Equal(existing, item)))
                {
                    result.Add(item?.DeepClone());
                }

                continue;
            }

            var at = result.FindIndex(existing => JsonTree.Equal(existing?[mergeKey], fields[mergeKey]));
            if (JsonTree.String(fields, "$patch") == "delete")
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                result[at] = Strategic(result[at], fields, schema.Element);
            }
            else
            {
                result.Add(WithoutDirectives(fields));
            }
        }

        return new JsonArray([.. result]);
    }

    private static JsonObject WithoutDirectives(JsonObject obj) =>
        new(obj.Where(field => !field.Key.StartsWith('$')).Select(field => KeyValuePair.Create(field.Key, field.Value is JsonObject child ? WithoutDirectives(child) : field.Value?.DeepClone())));
}
