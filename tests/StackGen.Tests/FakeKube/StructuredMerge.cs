using System.Text.Json;
using System.Text.Json.Nodes;
using ListType = StackGen.Tests.FakeKube.TypeSchema.ListType;
using Shape = StackGen.Tests.FakeKube.TypeSchema.Shape;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The schema-aware operations behind server-side apply (after sigs.k8s.io/structured-merge-diff): field sets of
/// an applied configuration, the changed and removed paths between two objects, merging a configuration into a
/// live object, and removing owned paths. A JSON null and an absent field mean the same thing throughout.
/// </summary>
internal static class StructuredMerge
{
    // Key fields the API server defaults before it identifies list items (ports without a protocol are TCP).
    private static readonly Dictionary<string, string> KeyDefaults = new(StringComparer.Ordinal) { ["protocol"] = "TCP" };

    /// <summary>
    /// The fieldsV1 key of a list item: <c>k:{"name":"app"}</c> in an associative list, <c>v:"value"</c> in a set;
    /// null when an associative item has none of the key fields.
    /// </summary>
    public static string? ItemKey(JsonNode? item, TypeSchema list)
    {
        if (list.List == ListType.Set)
        {
            return "v:" + JsonTree.Text(item);
        }

        if (item is not JsonObject obj)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var field in list.Keys.Order(StringComparer.Ordinal))
        {
            var value = obj[field]?.DeepClone() ?? (KeyDefaults.TryGetValue(field, out var fallback) ? JsonValue.Create(fallback) : null);
            if (value is not null)
            {
                key[field] = value;
            }
        }

        return key.Count == 0 ? null : "k:" + JsonTree.Text(key);
    }

    /// <summary>The fields an applied configuration sets: leaves, atomic values and list items (nulls set nothing).</summary>
    public static void Owned(JsonNode? value, TypeSchema schema, FieldSet into) => Collect(value, schema, into, collectionsAreMembers: false);

    /// <summary>
    /// The paths that differ between two versions of an object: added or modified ones into <paramref name="changed"/>
    /// (a new map, list or list item counts as a member itself, as in an Update's managedFields), and everything
    /// under a removed path into <paramref name="removed"/>.
    /// </summary>
    public static void Compare(JsonNode? before, JsonNode? after, TypeSchema schema, FieldSet changed, FieldSet removed)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (before is null)
        {
            Collect(after, schema, changed, collectionsAreMembers: true);
            return;
        }

        if (after is null)
        {
            Everything(before, schema, removed);
            return;
        }

        schema = schema.For(after);
        switch (schema.Kind, before, after)
        {
            case (Shape.Struct or Shape.Map, JsonObject old, JsonObject now) when !schema.Atomic:
                foreach (var name in old.Select(field => field.Key).Union(now.Select(field => field.Key)))
                {
                    var field = schema.Field(name) ?? TypeSchema.Untyped;
                    Compare(old[name], now[name], field, changed.Child("f:" + name), removed.Child("f:" + name));
                }

                break;
            case (Shape.List, JsonArray old, JsonArray now) when schema.List != ListType.Atomic:
                var previous = Index(old, schema);
                var current = Index(now, schema);
                foreach (var (key, item) in current)
                {
                    if (previous.TryGetValue(key, out var was))
                    {
                        if (schema.List == ListType.Map)
                        {
                            Compare(was, item, schema.Element, changed.Child(key), removed.Child(key));
                        }
                    }
                    else
                    {
                        var node = changed.Child(key);
                        node.IsMember = true;
                        if (schema.List == ListType.Map)
                        {
                            Collect(item, schema.Element, node, collectionsAreMembers: true);
                        }
                    }
                }

                foreach (var (key, item) in previous.Where(entry => !current.ContainsKey(entry.Key)))
                {
                    var node = removed.Child(key);
                    node.IsMember = true;
                    if (schema.List == ListType.Map)
                    {
                        Everything(item, schema.Element, node);
                    }
                }

                break;
            default:
                if (!JsonTree.Equal(before, after))
                {
                    changed.IsMember = true;
                }

                break;
        }
    }

    /// <summary>A configuration merged into a live object: objects key by key, associative lists item by item, sets by value.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, TypeSchema schema)
    {
        if (config is null)
        {
            return null;
        }

        if (live is null)
        {
            return JsonTree.WithoutNulls(config);
        }

        schema = schema.For(config);
        switch (schema.Kind, live, config)
        {
            case (Shape.Struct or Shape.Map, JsonObject old, JsonObject patch) when !schema.Atomic:
                var merged = (JsonObject)old.DeepClone();
                foreach (var (name, value) in patch)
                {
                    var result = Merge(old[name], value, schema.Field(name) ?? TypeSchema.Untyped);
                    if (result is null)
                    {
                        merged.Remove(name);
                    }
                    else
                    {
                        merged[name] = result;
                    }
                }

                return merged;
            case (Shape.List, JsonArray old, JsonArray patch) when schema.List != ListType.Atomic:
                var items = old.Select(item => item?.DeepClone()).ToList();
                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < items.Count; i++)
                {
                    if (ItemKey(items[i], schema) is { } key)
                    {
                        positions.TryAdd(key, i);
                    }
                }

                foreach (var item in patch)
                {
                    var key = ItemKey(item, schema);
                    if (key is not null && positions.TryGetValue(key, out var at))
                    {
                        items[at] = schema.List == ListType.Map ? Merge(items[at], item, schema.Element) : items[at];
                    }
                    else
                    {
                        items.Add(JsonTree.WithoutNulls(item));
                    }
                }

                return new JsonArray([.. items]);
            default:
                return JsonTree.WithoutNulls(config);
        }
    }

    /// <summary>
    /// Removes every member of <paramref name="paths"/> from <paramref name="target"/> (a member list item goes as a
    /// whole), then fields that became empty objects or lists because of it, unless <paramref name="keep"/> owns them.
    /// </summary>
    public static bool Remove(JsonNode target, FieldSet paths, TypeSchema schema, FieldSet? keep)
    {
        schema = schema.For(target);
        var removed = false;
        foreach (var (key, child) in paths.Children)
        {
            var kept = keep?.Find(key);
            if (target is JsonObject obj && key.StartsWith("f:", StringComparison.Ordinal))
            {
                var name = key[2..];
                if (!obj.TryGetPropertyValue(name, out var value))
                {
                    continue;
                }

                if (child.IsMember)
                {
                    removed |= obj.Remove(name);
                }
                else if (value is not null && Remove(value, child, schema.Field(name) ?? TypeSchema.Untyped, kept))
                {
                    removed = true;
                    if (value is JsonObject { Count: 0 } or JsonArray { Count: 0 } && kept?.IsMember != true)
                    {
                        obj.Remove(name);
                    }
                }
            }
            else if (target is JsonArray array && schema.Kind == Shape.List)
            {
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (ItemKey(array[i], schema) != key)
                    {
                        continue;
                    }

                    if (child.IsMember)
                    {
                        array.RemoveAt(i);
                        removed = true;
                    }
                    else if (array[i] is { } item)
                    {
                        removed |= Remove(item, child, schema.Element, kept);
                    }
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Checks a value against the schema the way decoding would: wrong JSON types, fields the schema does not declare
    /// (removed when <paramref name="dropUnknown"/>), duplicate or keyless items in associative lists and sets.
    /// Paths are written like the API server's decoder does: <c>spec.template.spec.containers[0].image</c>.
    /// </summary>
    public static void Check(JsonNode? value, TypeSchema schema, string path, SchemaProblems problems, bool dropUnknown)
    {
        if (value is null)
        {
            return;
        }

        schema = schema.For(value);
        switch (schema.Kind)
        {
            case Shape.Struct or Shape.Map when value is not JsonObject:
                problems.Errors.Add($"{path}: expected object, got {JsonTree.TypeName(value)}");
                break;
            case Shape.Struct or Shape.Map:
                var obj = (JsonObject)value;
                foreach (var (name, child) in obj.ToList())
                {
                    var field = schema.Field(name);
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (field is null)
                    {
                        problems.Unknown.Add(at);
                        if (dropUnknown)
                        {
                            obj.Remove(name);
                        }

                        continue;
                    }

                    Check(child, field, at, problems, dropUnknown);
                }

                break;
            case Shape.List when value is not JsonArray:
                problems.Errors.Add($"{path}: expected array, got {JsonTree.TypeName(value)}");
                break;
            case Shape.List:
                var array = (JsonArray)value;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema.Element, $"{path}[{i}]", problems, dropUnknown);
                    if (schema.List == ListType.Atomic)
                    {
                        continue;
                    }

                    var key = ItemKey(array[i], schema);
                    if (key is null)
                    {
                        problems.Errors.Add($"{path}[{i}]: associative list with keys has an element that omits all key fields [{string.Join(", ", schema.Keys)}]");
                    }
                    else if (!seen.Add(key))
                    {
                        problems.Errors.Add($"{path}: duplicate entries for key {FieldSet.Describe([key])}");
                    }
                }

                break;
            case Shape.Scalar when !Fits(value, schema.Scalar):
                problems.Errors.Add($"{path}: expected {schema.Name}, got {JsonTree.TypeName(value)}");
                break;
            default:
                break;
        }
    }

    private static bool Fits(JsonNode value, TypeSchema.ScalarType type)
    {
        var kind = value is JsonValue scalar ? scalar.GetValueKind() : JsonValueKind.Object;
        var integral = kind == JsonValueKind.Number && long.TryParse(JsonTree.Text(value), out _);
        return type switch
        {
            TypeSchema.ScalarType.String => kind == JsonValueKind.String,
            TypeSchema.ScalarType.Integer => integral,
            TypeSchema.ScalarType.Number => kind == JsonValueKind.Number,
            TypeSchema.ScalarType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            TypeSchema.ScalarType.IntOrString => integral || kind == JsonValueKind.String,
            TypeSchema.ScalarType.Quantity => kind is JsonValueKind.String or JsonValueKind.Number,
            _ => kind is not JsonValueKind.Object and not JsonValueKind.Array,
        };
    }

    private static Dictionary<string, JsonNode?> Index(JsonArray list, TypeSchema schema)
    {
        var index = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (ItemKey(item, schema) is { } key)
            {
                index.TryAdd(key, item);
            }
        }

        return index;
    }

    // The paths of a value: leaves, atomic values and list items, and (for an Update's view of a new value) the maps
    // and granular lists themselves, as the "." of managedFields shows them.
    private static void Collect(JsonNode? value, TypeSchema schema, FieldSet into, bool collectionsAreMembers)
    {
        if (value is null)
        {
            return;
        }

        schema = schema.For(value);
        switch (schema.Kind, value)
        {
            case (Shape.Struct or Shape.Map, JsonObject obj) when !schema.Atomic:
                into.IsMember |= collectionsAreMembers && schema.Kind == Shape.Map;
                foreach (var (name, child) in obj)
                {
                    Collect(child, schema.Field(name) ?? TypeSchema.Untyped, into.Child("f:" + name), collectionsAreMembers);
                }

                break;
            case (Shape.List, JsonArray array) when schema.List != ListType.Atomic:
                into.IsMember |= collectionsAreMembers;
                foreach (var item in array)
                {
                    if (ItemKey(item, schema) is { } key)
                    {
                        var node = into.Child(key);
                        node.IsMember = true;
                        if (schema.List == ListType.Map)
                        {
                            Collect(item, schema.Element, node, collectionsAreMembers);
                        }
                    }
                }

                break;
            default:
                into.IsMember = true;
                break;
        }
    }

    // Every path in a value, itself included: what a removal takes out of every manager's set.
    private static void Everything(JsonNode? value, TypeSchema schema, FieldSet into)
    {
        into.IsMember = true;
        Collect(value, schema, into, collectionsAreMembers: true);
        MarkAll(into);
    }

    private static void MarkAll(FieldSet node)
    {
        node.IsMember = true;
        foreach (var (_, child) in node.Children)
        {
            MarkAll(child);
        }
    }
}
