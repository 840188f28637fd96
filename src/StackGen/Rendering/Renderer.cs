using System.Reflection;
using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Objects;
using StackGen.Parallelism;
using StackGen.Stacks;

namespace StackGen.Rendering;

/// <summary>
/// Renders an environment: builds each stack (resolving references to other stacks' outputs), then
/// fills in what every object needs (apiVersion/kind, namespace, standard labels, config checksums, content-hashed Job names)
/// and orders the objects by install order, stack dependency order and name. A pure function.
/// </summary>
public sealed class Renderer(StackCatalog catalog)
{
    // apiVersion/kind of each k8s.Models type, read from its attribute once (a memo of a pure function of the type).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, KubernetesEntityAttribute?> Entities = new();

    /// <param name="only">Stacks to emit; all of the environment's when empty. Referenced stacks are not emitted.</param>
    public RenderResult Render(EnvironmentConfig environment, IReadOnlyCollection<string> only)
    {
        foreach (var name in only.Where(n => environment.Find(n) is null))
        {
            var deployed = environment.Stacks.Select(s => s.Stack.Name).ToArray();
            throw new InputException(
                SourceLocation.Flag($"--stack {name}"),
                catalog.Find(name) is null
                    ? $"unknown stack '{name}'{Suggestions.DidYouMean(name, catalog.Names)} (stacks: {string.Join(", ", catalog.Names)})"
                    : $"stack '{name}' is not deployed in environment '{environment.Name}' (it deploys: {string.Join(", ", deployed)})");
        }

        // Stacks build independently (in parallel for a large organisation) and their objects are concatenated in
        // stack order, as if they had been built one by one. References to other stacks' outputs are resolved
        // under a lock (see References).
        var references = new References(environment, catalog);
        var selected = environment.Stacks.Where(s => only.Count == 0 || only.Contains(s.Stack.Name)).ToArray();
        var builds = InOrder.Map(selected, layers => Build(layers, references, environment, catalog.System));
        var objects = new List<RenderedObject>();
        var facts = new List<StatedFact>();
        foreach (var build in builds)
        {
            objects.AddRange(build.Objects);
            facts.AddRange(build.Facts);
        }

        CheckUnique(objects, environment);
        ConfigChecksums.Apply(objects);
        ContentNames.Apply(objects);
        var dependencies = references.Dependencies(selected.Select((layers, i) => (layers.Stack.Name, builds[i].Referenced)));
        var stackOrder = References.Order(environment, dependencies);
        var rank = stackOrder.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var ordered = objects
            .OrderBy(o => InstallOrder.Rank(o.Kind))
            .ThenBy(o => rank[o.Stack])
            .ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToArray();
        return new RenderResult(environment, ordered, stackOrder, dependencies, facts);
    }

    /// <summary>One stack's completed objects, the providers its build referenced (in the order it asked for them) and the facts it stated.</summary>
    private static (RenderedObject[] Objects, List<string> Referenced, StatedFact[] Facts) Build(StackLayers layers, References references, EnvironmentConfig environment, string system)
    {
        var referenced = new List<string>();
        var context = references.ContextFor(layers, referenced);
        try
        {
            RenderedObject[] objects = [.. layers.Stack.Build(context, layers.Settings.Value).Select(built => new RenderedObject(layers.Stack.Name, Complete(built, layers.Stack, environment, system)))];

            // A chart or manifest renders what it renders: CustomKinds lists what the stack's own code builds.
            var upstream = context.Facts.Where(f => f.Fact is Facts.Upstream).Select(f => (object)f.Resource).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var custom in objects.Where(o => !upstream.Contains(o.Resource)).Select(o => o.Resource.GetType()).Where(t => CustomResourceKinds.OfModel(t) is not null && !layers.Stack.CustomKinds.Contains(t)))
            {
                throw new InvalidOperationException($"stack {layers.Stack.Name} built a {custom.FullName} but does not list it in its CustomKinds");
            }

            if (context.Facts.Count == 0)
            {
                return (objects, referenced, []);
            }

            var built = objects.Select(o => o.Resource).ToHashSet(ReferenceEqualityComparer.Instance);
            StatedFact[] facts = [.. context.Facts.Select(f => built.Contains(f.Resource)
                ? new StatedFact(layers.Stack.Name, f.Resource, f.Fact)
                : throw new InvalidOperationException($"stack {layers.Stack.Name} stated a {f.Fact.GetType().Name} fact about {f.Resource.Kind ?? f.Resource.GetType().Name}/{f.Resource.Metadata?.Name}, which its build does not return"))];
            return (objects, referenced, facts);
        }
        catch (ConfigValueException e)
        {
            throw new InputException(Locate(e, layers));
        }
    }

    /// <summary>
    /// A config file value the file's format refuses came from a setting (strings are bound without control characters,
    /// so this is a format's own rule, such as no quotes in Python): the error names that setting, where it was written.
    /// </summary>
    private static IReadOnlyList<InputError> Locate(ConfigValueException e, StackLayers layers)
    {
        var problem = Unprintable.Characters.Contains(e.Refused) ? Unprintable.Describe(e.Refused) : $"the character {e.Refused}";
        var effect = $"would change the structure of {e.Template}; expected {e.Format.Expected}";
        var settings = layers.Settings.Values.Where(v => v.Value == e.Value).ToArray();
        return settings.Length > 0
            ? [.. settings.Select(s => new InputError(s.Source.IsCodeDefault ? layers.Declared : s.Source, $"{s.Path}: {problem} in '{e.Value}' {effect}"))]
            : [new InputError(layers.Declared, $"stacks.{layers.Stack.Name}: {problem} in the value '{e.Value}' made of the settings {effect}")];
    }

    private static IKubernetesObject<V1ObjectMeta> Complete(IKubernetesObject<V1ObjectMeta> built, IStack stack, EnvironmentConfig environment, string system)
    {
        if (string.IsNullOrEmpty(built.Kind) || string.IsNullOrEmpty(built.ApiVersion))
        {
            var entity = Entities.GetOrAdd(built.GetType(), static type => type.GetCustomAttribute<KubernetesEntityAttribute>())
                ?? throw new InvalidOperationException($"stack {stack.Name} built a {built.GetType().Name} without apiVersion and kind");
            built.ApiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            built.Kind = entity.Kind;
        }

        built.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(built.Metadata.Name))
        {
            throw new InvalidOperationException($"stack {stack.Name} built a {built.Kind} without a name");
        }

        if (InstallOrder.IsNamespaced(built.ApiVersion, built.Kind))
        {
            built.Metadata.NamespaceProperty ??= environment.Target.Namespace;
        }

        var labels = built.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        labels.TryAdd(StandardLabels.Name, stack.Name);
        labels.TryAdd(StandardLabels.Instance, $"{stack.Name}-{environment.Name}");
        labels.TryAdd(StandardLabels.Component, built.Kind.ToLowerInvariant());
        labels.TryAdd(StandardLabels.PartOf, system);
        labels.TryAdd(StandardLabels.ManagedBy, StandardLabels.Manager);
        return built;
    }

    /// <summary>
    /// Two objects of one kind and name would overwrite each other on the cluster. Object names are made of settings
    /// (stacks check theirs in Check, at the setting), so this is the settings' fault too: an input error at the stack.
    /// </summary>
    private static void CheckUnique(List<RenderedObject> objects, EnvironmentConfig environment)
    {
        var seen = new Dictionary<string, RenderedObject>(StringComparer.Ordinal);
        var errors = new ErrorList();
        foreach (var rendered in objects)
        {
            var key = $"{rendered.ApiVersion}/{rendered.Kind}/{rendered.Resource.Metadata.NamespaceProperty}/{rendered.Name}";
            if (!seen.TryAdd(key, rendered))
            {
                var first = seen[key].Stack;
                errors.Add(
                    environment.Find(rendered.Stack)!.Declared,
                    $"stacks.{rendered.Stack}: {rendered.Id} would be written twice, by {(first == rendered.Stack ? "two objects of this stack" : $"stack {first} and this stack")}; expected settings that make distinct object names");
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>
    /// Resolves references between stacks: each provider's outputs are computed once, on first use. Builds run in
    /// parallel, so computing and memoising outputs happens under one lock; a chain of references (outputs that
    /// reference other outputs) is resolved entirely by the thread that started it, so a cycle is found, and reported,
    /// the same way whichever stack runs into it first. Which stack referenced which is recorded per build (see
    /// <see cref="Dependencies"/>).
    /// </summary>
    private sealed class References(EnvironmentConfig environment, StackCatalog catalog)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, object> _outputs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _outputsReferenced = new(StringComparer.Ordinal);
        private readonly HashSet<string> _computing = new(StringComparer.Ordinal);
        private readonly ILookup<Type?, StackLayers> _providers = environment.Stacks.ToLookup(s => s.Stack.OutputsType);

        /// <param name="referenced">Receives the name of every provider the stack references, in order.</param>
        public StackContext ContextFor(StackLayers layers, List<string> referenced) =>
            new(environment.Name, environment.Target, catalog.System, layers.Stack, layers.Declared, type => Resolve(layers, type, referenced), environment.Root);

        /// <summary>
        /// The (consumer, provider) pairs in the order a sequential render meets them: stack by stack, each reference
        /// in turn, followed by the references of the provider's outputs the first time that provider is referenced.
        /// </summary>
        public List<StackDependency> Dependencies(IEnumerable<(string Stack, List<string> Referenced)> builds)
        {
            var dependencies = new List<StackDependency>();
            var recorded = new HashSet<StackDependency>();
            var computed = new HashSet<string>(StringComparer.Ordinal);
            void Reference(string consumer, string provider)
            {
                if (recorded.Add(new StackDependency(consumer, provider)))
                {
                    dependencies.Add(new StackDependency(consumer, provider));
                }

                if (computed.Add(provider))
                {
                    foreach (var next in _outputsReferenced[provider])
                    {
                        Reference(provider, next);
                    }
                }
            }

            foreach (var (stack, referenced) in builds)
            {
                foreach (var provider in referenced)
                {
                    Reference(stack, provider);
                }
            }

            return dependencies;
        }

        /// <summary>Stacks with providers before consumers; ties in name order.</summary>
        public static string[] Order(EnvironmentConfig environment, IReadOnlyList<StackDependency> dependencies)
        {
            var providers = dependencies.ToLookup(d => d.Consumer, d => d.Provider, StringComparer.Ordinal);
            var order = new List<string>();
            var state = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var name in environment.Stacks.Select(s => s.Stack.Name))
            {
                Visit(environment, providers, name, state, order, []);
            }

            return [.. order];
        }

        private static void Visit(EnvironmentConfig environment, ILookup<string, string> providers, string name, Dictionary<string, bool> done, List<string> order, List<string> path)
        {
            if (done.TryGetValue(name, out var finished))
            {
                if (!finished)
                {
                    var cycle = path.SkipWhile(p => p != name).Append(name);
                    throw new InputException(environment.Find(name)!.Declared, $"stacks reference each other in a cycle: {string.Join(" -> ", cycle)}; a stack may only reference stacks that do not reference it back");
                }

                return;
            }

            done[name] = false;
            path.Add(name);
            foreach (var provider in providers[name].Distinct().Order(StringComparer.Ordinal))
            {
                Visit(environment, providers, provider, done, order, path);
            }

            path.RemoveAt(path.Count - 1);
            done[name] = true;
            order.Add(name);
        }

        private string Providers(Type outputsType) =>
            catalog.Stacks.Where(s => s.OutputsType == outputsType).Select(s => $"stack '{s.Name}'").DefaultIfEmpty("a stack that provides it").First();

        private object Resolve(StackLayers consumer, Type outputsType, List<string> referenced)
        {
            var providers = _providers[outputsType].ToArray();
            if (providers.Length != 1)
            {
                throw new InputException(
                    consumer.Declared,
                    providers.Length == 0
                        ? $"stack '{consumer.Stack.Name}' references {outputsType.Name}, but environment '{environment.Name}' deploys no stack that provides it; add {Providers(outputsType)} to its stacks"
                        : $"stack '{consumer.Stack.Name}' references {outputsType.Name}, which several stacks provide ({string.Join(", ", providers.Select(p => p.Stack.Name))}); expected exactly one");
            }

            var provider = providers[0];
            referenced.Add(provider.Stack.Name);
            lock (_lock)
            {
                if (_outputs.TryGetValue(provider.Stack.Name, out var outputs))
                {
                    return outputs;
                }

                if (!_computing.Add(provider.Stack.Name))
                {
                    throw new InputException(provider.Declared, $"stacks '{consumer.Stack.Name}' and '{provider.Stack.Name}' reference each other's outputs in a cycle; a stack may only reference stacks that do not reference it back");
                }

                try
                {
                    var outputsReferenced = new List<string>();
                    outputs = provider.Stack.Outputs(ContextFor(provider, outputsReferenced), provider.Settings.Value);
                    _outputsReferenced[provider.Stack.Name] = outputsReferenced;
                    _outputs[provider.Stack.Name] = outputs;
                    return outputs;
                }
                finally
                {
                    // Another build may run into the same provider after this one failed: it must fail the same way.
                    _computing.Remove(provider.Stack.Name);
                }
            }
        }
    }
}
