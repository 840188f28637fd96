namespace StackGen.Objects;

/// <summary>
/// Every custom kind with a generated model (one entry per kind and served version), generated at compile time by
/// StackGen.Generators' CustomResourcesGenerator from the CRD files in <c>crds/</c>.
/// </summary>
public static partial class CustomResourceKinds
{
    /// <summary>Ordered by group, version and kind.</summary>
    public static IReadOnlyList<CustomResourceKind> All { get; } = Create();

    // After All: static initializers run in text order.
    private static readonly Dictionary<(string ApiVersion, string Kind), CustomResourceKind> ByName =
        All.ToDictionary(k => (k.ApiVersion, k.Kind));

    private static readonly Dictionary<Type, CustomResourceKind> ByModel = All.ToDictionary(k => k.Model);

    /// <summary>The custom kind of that apiVersion and kind; null for a built-in kind or one without a CRD in <c>crds/</c>.</summary>
    public static CustomResourceKind? Find(string apiVersion, string kind) => ByName.GetValueOrDefault((apiVersion, kind));

    /// <summary>The custom kind a generated class models; null for any other type.</summary>
    public static CustomResourceKind? OfModel(Type model) => ByModel.GetValueOrDefault(model);

    private static partial CustomResourceKind[] Create();
}
