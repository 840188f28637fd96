using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// What server-side apply and strategic merge need to know about one node of a kind's schema: whether it is a
/// struct (named fields), a map, a list (atomic, set, or associative by key fields) or a scalar, and how patches
/// merge it. Built lazily from the OpenAPI spec; <see cref="Untyped"/> where the spec says nothing (free-form
/// fields, unknown kinds), which behaves like the API server's deduced schema: objects merge key by key, lists
/// are atomic.
/// </summary>
internal sealed class TypeSchema
{
    private readonly Func<string, TypeSchema?>? _field;
    private readonly ConcurrentDictionary<string, TypeSchema?> _fields = new(StringComparer.Ordinal);
    private readonly Lazy<TypeSchema>? _element;

    public TypeSchema(
        Shape shape,
        string name,
        ScalarType scalar = ScalarType.Any,
        bool atomic = false,
        ListType list = ListType.Atomic,
        IReadOnlyList<string>? keys = null,
        string? patchStrategy = null,
        string? patchMergeKey = null,
        Func<string, TypeSchema?>? field = null,
        Func<TypeSchema>? element = null)
    {
        Kind = shape;
        Name = name;
        Scalar = scalar;
        Atomic = atomic;
        List = list;
        Keys = keys ?? [];
        PatchStrategy = patchStrategy;
        PatchMergeKey = patchMergeKey;
        _field = field;
        _element = element is null ? null : new Lazy<TypeSchema>(element);
    }

    internal enum Shape
    {
        Untyped,
        Scalar,
        Struct,
        Map,
        List,
    }

    internal enum ListType
    {
        Atomic,
        Set,
        Map,
    }

    internal enum ScalarType
    {
        Any,
        String,
        Integer,
        Number,
        Boolean,
        IntOrString,
        Quantity,
    }

    /// <summary>Nothing known: the shape follows the value.</summary>
    public static TypeSchema Untyped { get; } = new(Shape.Untyped, "untyped");

    private static TypeSchema UntypedMap { get; } = new(Shape.Map, "object", element: () => Untyped);

    private static TypeSchema UntypedList { get; } = new(Shape.List, "array", element: () => Untyped);

    private static TypeSchema UntypedScalar { get; } = new(Shape.Scalar, "scalar");

    public Shape Kind { get; }

    /// <summary>The definition or type name, for messages.</summary>
    public string Name { get; }

    public ScalarType Scalar { get; }

    /// <summary>A struct or map replaced as a whole (x-kubernetes-map-type: atomic), or an atomic list.</summary>
    public bool Atomic { get; }

    public ListType List { get; }

    /// <summary>The key fields of an associative list (x-kubernetes-list-map-keys).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>x-kubernetes-patch-strategy, for strategic merge patch.</summary>
    public string? PatchStrategy { get; }

    /// <summary>x-kubernetes-patch-merge-key, for strategic merge patch.</summary>
    public string? PatchMergeKey { get; }

    /// <summary>The element type of a map or list.</summary>
    public TypeSchema Element => _element?.Value ?? Untyped;

    /// <summary>The schema of a struct field or map value; null when a struct does not declare the field.</summary>
    public TypeSchema? Field(string name) => Kind switch
    {
        Shape.Struct => _fields.GetOrAdd(name, key => _field?.Invoke(key)),
        Shape.Map => Element,
        _ => Untyped,
    };

    /// <summary>This schema, with an untyped one resolved by the value it describes.</summary>
    public TypeSchema For(JsonNode? value) => Kind != Shape.Untyped
        ? this
        : value switch
        {
            JsonObject => UntypedMap,
            JsonArray => UntypedList,
            _ => UntypedScalar,
        };

    public bool IsCollection => Kind is Shape.Map or Shape.List && !Atomic;
}
