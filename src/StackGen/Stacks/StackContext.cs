using k8s;
using k8s.Models;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Naming;
using StackGen.Objects;
using StackGen.Workloads;

namespace StackGen.Stacks;

/// <summary>
/// What a stack's build sees of the world: the environment, its target, and helpers that keep names,
/// labels and references consistent across stacks.
/// </summary>
public sealed class StackContext
{
    private readonly Func<Type, object> _resolve;

    private readonly SourceLocation _declared;

    private readonly List<(IKubernetesObject<V1ObjectMeta> Resource, object Fact)> _facts = [];

    private readonly string? _root;

    internal StackContext(string environment, Target target, string system, IStack stack, SourceLocation declared, Func<Type, object> resolve, string? root = null)
    {
        _root = root;
        _declared = declared;
        Environment = environment;
        Target = target;
        System = system;
        Stack = stack;
        _resolve = resolve;
    }

    public string Environment { get; }

    public Target Target { get; }

    public string Namespace => Target.Namespace;

    /// <summary>The organisation's system name, the app.kubernetes.io/part-of label.</summary>
    public string System { get; }

    public IStack Stack { get; }

    /// <summary>
    /// The outputs of the stack in this environment that provides <typeparamref name="TOutputs"/>. Recorded as a
    /// dependency: it orders rendering and apply, and a missing provider or a cycle is a render error.
    /// </summary>
    public TOutputs Reference<TOutputs>()
        where TOutputs : class => (TOutputs)_resolve(typeof(TOutputs));

    /// <summary>
    /// States a fact about an object this stack builds (a backup, a single writer, a RabbitMQ cluster: see
    /// <c>src/StackGen/Facts/</c> and the stacks' own fact types), for lint's rules to read. Facts are typed records, never
    /// written out; a fact about an object the build does not return is a bug in the stack. Returns the object.
    /// </summary>
    public T State<T>(T resource, object fact)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(fact);
        lock (_facts)
        {
            _facts.Add((resource, fact));
        }

        return resource;
    }

    /// <summary>The facts stated so far, in the order they were stated.</summary>
    internal IReadOnlyList<(IKubernetesObject<V1ObjectMeta> Resource, object Fact)> Facts => _facts;

    /// <summary>
    /// Renders the vendored chart the values are for (<see cref="ChartValues.For"/>, bound from the environment's
    /// settings and checked against the chart's values.schema.json when the environment was loaded) and returns its
    /// objects, typed, to patch and return. See <see cref="Chart(string, ChartValues?)"/>.
    /// </summary>
    public VendoredObjects Chart(ChartValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Chart(values.Chart ?? throw new ArgumentException("the values name no chart: make the setting's default ChartValues.For(\"CHART\"), or call Chart(name, values)", nameof(values)), values);
    }

    /// <summary>
    /// Renders the chart vendored as <paramref name="chart"/> (vendor/charts/CHART/VERSION, checked against
    /// vendor/vendor.lock first) with `helm template`, pinned: the stack's name as the release name, this environment's
    /// namespace and Kubernetes version, the API versions that version serves, its CRDs included. Runs offline; two
    /// renders must agree. Hook objects (helm.sh/hook) are kept with their annotations. The chart's
    /// app.kubernetes.io/managed-by: Helm label goes (StackGen manages the objects, no Helm release exists); its other
    /// labels stay, as its selectors rely on them.
    /// </summary>
    /// <exception cref="InputException">Not vendored or tampered with, values the chart's schema refuses, helm failing or missing.</exception>
    public VendoredObjects Chart(string chart, ChartValues? values = null)
    {
        var root = _root ?? throw new InvalidOperationException($"stack {Stack.Name} renders chart {chart} in an environment that was not loaded from a repository");
        var vendored = VendoredCharts.Find(root, chart, _declared);
        values ??= ChartValues.Empty;
        if (values.Chart is null)
        {
            // Values given in code: the load checked only settings that name their chart.
            if (ChartValuesSchema.Check(vendored, values) is [_, ..] problems)
            {
                throw new InputException(problems);
            }
        }

        var helm = HelmTool.Find(root, _declared);
        var rendered = HelmTemplate.Render(helm, new HelmTemplateRequest(vendored, Stack.Name, Namespace, Target.KubernetesVersion) { Values = values });
        var prefix = vendored.Name + "/";
        var objects = Manifests.Read(rendered, (source, _, _) => SourceLocation.File(
            source is not null && source.StartsWith(prefix, StringComparison.Ordinal) ? $"{vendored.Shown}/{source[prefix.Length..]}" : vendored.Shown));
        foreach (var resource in objects.Select(o => o.Resource))
        {
            NotManagedByHelm(resource.Metadata.Labels);
            if (PodTemplates.Of(resource) is { Metadata.Labels: { } podLabels } && PodTemplates.SelectorOf(resource)?.MatchLabels?.ContainsKey(StandardLabels.ManagedBy) != true)
            {
                NotManagedByHelm(podLabels);
                podLabels.TryAdd(StandardLabels.ManagedBy, StandardLabels.Manager);
            }
        }

        var withoutSchema = !File.Exists(Path.Combine(vendored.Directory, ChartValuesSchema.SchemaFile));
        return new VendoredObjects($"chart {vendored.Name} {vendored.Version}", this, _declared, objects, withoutSchema);
    }

    /// <summary>
    /// The objects of the upstream manifest vendored as <paramref name="name"/> (vendor/manifests/NAME/VERSION, checked
    /// against vendor/vendor.lock first: `stackgen vendor FILE.yaml --version V`), typed, to patch and return, like a
    /// chart's. Errors name the file, line and column.
    /// </summary>
    /// <exception cref="InputException">Not vendored, tampered with, or not valid Kubernetes objects.</exception>
    public VendoredObjects Manifest(string name)
    {
        var root = _root ?? throw new InvalidOperationException($"stack {Stack.Name} includes manifest {name} in an environment that was not loaded from a repository");
        var vendored = VendoredCharts.FindManifest(root, name, _declared);
        var objects = new List<ManifestObject>();
        foreach (var file in vendored.Lock.Files.Select(f => f.Path).Order(StringComparer.Ordinal))
        {
            var shown = $"{vendored.Shown}/{file}";
            objects.AddRange(Manifests.Read(File.ReadAllText(Path.Combine(vendored.Directory, file)), (_, line, column) => SourceLocation.InFile(shown, line, column)));
        }

        return new VendoredObjects($"manifest {vendored.Name} {vendored.Version}", this, _declared, objects);
    }

    // No Helm release exists: the renderer fills in StackGen's own value where the label is missing.
    private static void NotManagedByHelm(IDictionary<string, string>? labels)
    {
        if (labels?.TryGetValue(StandardLabels.ManagedBy, out var manager) == true && manager == "Helm")
        {
            labels.Remove(StandardLabels.ManagedBy);
        }
    }

    /// <summary>An object name: the stack name, then each part, kebab-case ("rabbitmq", "rabbitmq-peers").</summary>
    /// <remarks>
    /// Parts usually come from settings; a stack checks those in <see cref="Stack{TSettings}.Check"/> to locate a bad
    /// value at its setting. One that gets here anyway is still the settings' fault: an input error at the stack.
    /// </remarks>
    public string Name(params string[] parts)
    {
        var name = NameOf(Stack, parts);
        return Names.IsDnsLabel(name)
            ? name
            : throw new InputException(_declared, $"stacks.{Stack.Name}: the settings make the object name '{name}', which is not a DNS label; {Names.DnsLabelRule}");
    }

    internal static string NameOf(IStack stack, string[] parts) => string.Join("-", parts.Prepend(stack.Name));

    /// <summary>The labels that select a component's pods; stable for the life of the workload.</summary>
    public IDictionary<string, string> SelectorLabels(string component) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [StandardLabels.Name] = Stack.Name,
        [StandardLabels.Instance] = $"{Stack.Name}-{Environment}",
        [StandardLabels.Component] = component,
    };

    /// <summary>Every standard app.kubernetes.io label for a component.</summary>
    public IDictionary<string, string> Labels(string component)
    {
        var labels = SelectorLabels(component);
        labels[StandardLabels.PartOf] = System;
        labels[StandardLabels.ManagedBy] = StandardLabels.Manager;
        return labels;
    }

    /// <summary>Object metadata with the standard labels; the namespace is set by the renderer.</summary>
    public V1ObjectMeta Metadata(string name, string component) => new() { Name = name, Labels = Labels(component) };

    /// <summary>The in-cluster DNS name of a Service in this environment's namespace.</summary>
    public string ServiceHost(string service) => $"{service}.{Namespace}.svc.{Target.ClusterDomain}";
}
