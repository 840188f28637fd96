using System.Collections;
using System.Reflection;
using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Objects;
using StackGen.Stacks;

namespace StackGen.Charts;

/// <summary>
/// The objects of a vendored chart's render or of a vendored manifest, typed (<c>k8s.Models</c>, or
/// <see cref="UntypedObject"/> for a kind StackGen has no model for), for a stack to patch in C# before returning them
/// from its build: the renderer then completes them like the stack's own objects (namespace, standard labels, config
/// checksums), and lint, diff and apply never ask where they came from. Patching something that is not there is an
/// input error: a renamed upstream object must not go silently unpatched.
/// </summary>
public sealed class VendoredObjects : IEnumerable<IKubernetesObject<V1ObjectMeta>>
{
    private readonly List<ManifestObject> _objects;
    private readonly StackContext _context;
    private readonly SourceLocation _declared;
    private readonly bool _valuesUnchecked;
    private readonly HashSet<object> _stated = new(ReferenceEqualityComparer.Instance);

    internal VendoredObjects(string origin, StackContext context, SourceLocation declared, IEnumerable<ManifestObject> objects, bool valuesUnchecked = false)
    {
        Origin = origin;
        _context = context;
        _declared = declared;
        _valuesUnchecked = valuesUnchecked;
        _objects = [.. objects];
    }

    private string Stack => _context.Stack.Name;

    /// <summary>What the objects came from, as messages name it: "chart queue 1.0.0", "manifest cert-manager v1.16.2".</summary>
    public string Origin { get; }

    /// <summary>Where each object was written (the chart template, the manifest file and line).</summary>
    public IReadOnlyList<ManifestObject> Sources => _objects;

    /// <summary>
    /// Changes the object of type <typeparamref name="T"/> named <paramref name="name"/>.
    /// </summary>
    /// <exception cref="InputException">No such object (the chart renamed it, or the values turned it off).</exception>
    public VendoredObjects Patch<T>(string name, Action<T> patch)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        patch(Single<T>(name, $"Patch<{typeof(T).Name}>(\"{name}\")"));
        return this;
    }

    /// <summary>Changes every object of type <typeparamref name="T"/>; there must be at least one.</summary>
    public VendoredObjects PatchAll<T>(Action<T> patch)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        var all = _objects.Select(o => o.Resource).OfType<T>().ToArray();
        if (all.Length == 0)
        {
            throw new InputException(_declared, $"stacks.{Stack}: PatchAll<{typeof(T).Name}> matches no object: {Origin} renders no {KindOf<T>()} ({Listing()})");
        }

        foreach (var resource in all)
        {
            patch(resource);
        }

        return this;
    }

    /// <summary>Leaves out the object of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    /// <exception cref="InputException">No such object.</exception>
    public VendoredObjects Remove<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = Single<T>(name, $"Remove<{typeof(T).Name}>(\"{name}\")");
        _objects.RemoveAll(o => ReferenceEquals(o.Resource, resource));
        return this;
    }

    /// <summary>Sets a label on every object's metadata (not on pod templates: selectors match those).</summary>
    public VendoredObjects Label(string key, string value)
    {
        foreach (var resource in this)
        {
            (resource.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        }

        return this;
    }

    /// <summary>Sets an annotation on every object's metadata.</summary>
    public VendoredObjects Annotate(string key, string value)
    {
        foreach (var resource in this)
        {
            (resource.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        }

        return this;
    }

    /// <summary>
    /// The objects, each stated <see cref="Facts.Upstream"/> for lint as the stack returns them (patch and remove
    /// before that: a fact about an object the build does not return is a bug).
    /// </summary>
    public IEnumerator<IKubernetesObject<V1ObjectMeta>> GetEnumerator()
    {
        foreach (var (resource, source) in _objects.ToArray())
        {
            if (_stated.Add(resource))
            {
                _context.State(resource, new Facts.Upstream(Origin, source, _valuesUnchecked));
            }

            yield return resource;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T Single<T>(string name, string call)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var ofType = _objects.Select(o => o.Resource).OfType<T>().ToArray();
        var matches = ofType.Where(r => r.Metadata.Name == name).ToArray();
        if (matches.Length == 1)
        {
            return matches[0];
        }

        var names = ofType.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal).ToArray();
        var kind = KindOf<T>();
        throw new InputException(_declared, matches.Length == 0
            ? $"stacks.{Stack}: {call} matches no object: {Origin} renders no {kind} named '{name}'{Suggestions.DidYouMean(name, names)} ({(names.Length == 0 ? $"it renders no {kind}; {Listing()}" : $"its {kind} objects: {string.Join(", ", names)}")})"
            : $"stacks.{Stack}: {call} matches {matches.Length} objects ({string.Join(", ", matches.Select(m => $"{m.Kind}/{m.Metadata.Name}"))}); patch an UntypedObject by kind with PatchAll");
    }

    private static string KindOf<T>() =>
        typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()?.Kind ?? typeof(T).Name;

    private string Listing() =>
        _objects.Count == 0 ? "it renders nothing" : $"it renders {string.Join(", ", _objects.Select(o => $"{o.Resource.Kind}/{o.Resource.Metadata.Name}"))}";
}
