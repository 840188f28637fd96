using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>Small helpers over System.Text.Json.Nodes trees: equality as JSON values, paths, compact text.</summary>
internal static class JsonTree
{
    // Key fields in fieldsV1 ("k:{...}") are written the way the API server writes them: no needless escaping.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>Equal as JSON values: numbers by value (3 == 3.0), objects regardless of key order.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(field => y.TryGetPropertyValue(field.Key, out var other) && Equal(field.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(pair => Equal(pair.First, pair.Second));
            case (JsonValue x, JsonValue y):
                var (kindX, kindY) = (x.GetValueKind(), y.GetValueKind());
                if (kindX == JsonValueKind.Number && kindY == JsonValueKind.Number)
                {
                    return decimal.TryParse(Text(x), NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
                        && decimal.TryParse(Text(y), NumberStyles.Float, CultureInfo.InvariantCulture, out var dy)
                        ? dx == dy
                        : Text(x) == Text(y);
                }

                return kindX == kindY && Text(x) == Text(y);
            default:
                return false;
        }
    }

    public static JsonObject Object(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    public static JsonObject Metadata(JsonObject obj) => Object(obj, "metadata");

    public static string? String(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = (node as JsonObject)?[key];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static long? Integer(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = (node as JsonObject)?[key];
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    /// <summary>A copy without JSON nulls in objects: an absent field and a null one mean the same to the API server.</summary>
    public static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(field => field.Value is not null).Select(field => KeyValuePair.Create(field.Key, WithoutNulls(field.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The JSON type of a value, as decoding errors name it.</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "unknown",
    };
}
