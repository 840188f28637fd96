using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using k8s;
using k8s.Models;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Settings;
using StackGen.Validation.Schemas;

namespace StackGen.Validation;

/// <summary>What rules see: the render, the environment, and lookups over the rendered objects.</summary>
public sealed class LintContext
{
    private readonly HashSet<string> _external;
    private readonly Dictionary<string, RenderedObject> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), List<Workload>> _byLabel = [];

    // Facts name their object by reference; most renders state few, so the index is built on first use.
    private readonly Lazy<Dictionary<object, RenderedObject>> _byResource;

    // OfType<T>() per T, filtered once: several rules ask for the same kinds (rules may run in parallel).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _ofType = new();

    // The properties of each settings type SecretRefs walks (a memo of a pure function of the type).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> SettingsProperties = new();

    private readonly Lazy<CustomResource[]> _customResources;

    /// <param name="externalKinds">Custom kinds whose CRDs the cluster has from elsewhere, as "group/Kind" or "group/*".</param>
    public LintContext(RenderResult result, IEnumerable<string> external, IEnumerable<string>? externalKinds = null)
    {
        Result = result;
        var declared = new HashSet<string>(externalKinds ?? [], StringComparer.Ordinal);
        _customResources = new(() => FindCustomResources(result.Objects, declared));
        _byResource = new(() =>
        {
            // One object rendered twice (render refuses that; lint is still asked about hand-made results) keeps its first entry.
            var byResource = new Dictionary<object, RenderedObject>(ReferenceEqualityComparer.Instance);
            foreach (var rendered in result.Objects)
            {
                byResource.TryAdd(rendered.Resource, rendered);
            }

            return byResource;
        });
        Workloads = [.. result.Objects.Select(Workload.Of).OfType<Workload>()];
        foreach (var rendered in result.Objects)
        {
            _byId.TryAdd(rendered.Id, rendered);
        }

        foreach (var workload in Workloads)
        {
            foreach (var (key, value) in workload.Template.Metadata?.Labels ?? new Dictionary<string, string>())
            {
                if (!_byLabel.TryGetValue((key, value), out var list))
                {
                    _byLabel[(key, value)] = list = [];
                }

                list.Add(workload);
            }
        }
        _external = new HashSet<string>(external, StringComparer.Ordinal);
        foreach (var layers in result.Environment.Stacks)
        {
            AddSecretRefs(layers.Settings.Value, _external);
        }

        var version = result.Environment.Target.KubernetesVersion;
        KubernetesMinor = int.Parse(version[(version.IndexOf('.', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
    }

    public RenderResult Result { get; }

    public EnvironmentConfig Environment => Result.Environment;

    public Tier Tier => Environment.Tier;

    /// <summary>The minor version of the target cluster (34 for "1.34").</summary>
    public int KubernetesMinor { get; }

    public IReadOnlyList<RenderedObject> Objects => Result.Objects;

    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>The render's custom resources, each with its definition (found once, on first use: most renders have none).</summary>
    public IReadOnlyList<CustomResource> CustomResources => _customResources.Value;

    public IEnumerable<(RenderedObject Rendered, T Resource)> OfType<T>()
        where T : IKubernetesObject<V1ObjectMeta> =>
        ((RenderedObject, T)[])_ofType.GetOrAdd(typeof(T), static (_, objects) => objects.Where(o => o.Resource is T).Select(o => (o, (T)o.Resource)).ToArray(), Objects);

    /// <summary>
    /// The facts of type <typeparamref name="TFact"/> the stacks stated about rendered objects (see
    /// <see cref="Stacks.StackContext.State{T}"/>), each with its object, in stack order.
    /// </summary>
    public IEnumerable<(RenderedObject Rendered, TFact Fact)> Facts<TFact>()
        where TFact : class
    {
        var rendered = _byResource.Value;
        return Result.Facts
            .Where(f => f.Fact is TFact && rendered.ContainsKey(f.Resource))
            .Select(f => (rendered[f.Resource], (TFact)f.Fact));
    }

    public bool Exists(string kind, string name) => _external.Contains($"{kind}/{name}") || Find(kind, name) is not null;

    /// <summary>The rendered object of that kind and name, if any.</summary>
    public RenderedObject? Find(string kind, string name) => _byId.GetValueOrDefault($"{kind}/{name}");

    /// <summary>The workloads whose pod template labels a selector matches, found through a label index (not a scan).</summary>
    public IEnumerable<Workload> Selected(IDictionary<string, string>? selector)
    {
        if (selector is not { Count: > 0 })
        {
            return [];
        }

        // Candidates from the selector's rarest label; each must still match the whole selector.
        List<Workload>? candidates = null;
        foreach (var pair in selector)
        {
            if (!_byLabel.TryGetValue((pair.Key, pair.Value), out var withLabel))
            {
                return [];
            }

            if (candidates is null || withLabel.Count < candidates.Count)
            {
                candidates = withLabel;
            }
        }

        return candidates!.Where(w => Selects(selector, w.Template.Metadata?.Labels));
    }

    /// <summary>True when the selector matches the labels (every selector label present with the same value).</summary>
    public static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static CustomResource[] FindCustomResources(IReadOnlyList<RenderedObject> objects, HashSet<string> externalKinds)
    {
        var custom = objects.Select(o => (Rendered: o, Api: KubernetesGroups.Split(o.ApiVersion)))
            .Where(o => !KubernetesGroups.IsBuiltIn(o.Api.Group))
            .ToArray();
        if (custom.Length == 0)
        {
            return [];
        }

        var definitions = new DefinitionCatalog(objects);
        return [.. custom.Select(o => new CustomResource(
            o.Rendered,
            o.Api.Group,
            o.Api.Version,
            definitions.Find(o.Api.Group, o.Rendered.Kind),
            externalKinds.Contains($"{o.Api.Group}/{o.Rendered.Kind}") || externalKinds.Contains($"{o.Api.Group}/*")))];
    }

    /// <summary>
    /// Adds "Secret/NAME" for every SecretRef in a settings record: the Secrets the stacks are told exist outside the
    /// render. (Added to the set directly: nested iterators cost an allocation per property of every stack.)
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Binding.Trimming.SettingsAreRooted)]
    private static void AddSecretRefs(object? settings, HashSet<string> external)
    {
        switch (settings)
        {
            case null or string or ValueType or Charts.ChartValues:
                // Chart values are free-form JSON: a chart names its Secrets in its own way.
                return;
            case SecretRef secret:
                external.Add($"Secret/{secret.Name}");
                return;
            case System.Collections.IDictionary dictionary:
                foreach (var value in dictionary.Values)
                {
                    AddSecretRefs(value, external);
                }

                return;
            case System.Collections.IEnumerable items:
                foreach (var item in items)
                {
                    AddSecretRefs(item, external);
                }

                return;
        }

        if (settings.GetType().Namespace?.StartsWith("StackGen", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in SettingsProperties.GetOrAdd(settings.GetType(), PropertiesOf))
        {
            AddSecretRefs(property.GetValue(settings), external);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Binding.Trimming.SettingsAreRooted)]
    private static PropertyInfo[] PropertiesOf(Type type) => [.. type.GetProperties().Where(p => p.GetIndexParameters().Length == 0)];
}
