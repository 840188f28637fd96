using System.Reflection;
using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Stacks;

namespace StackGen.Rendering;

/// <summary>
/// Renders an environment: builds each stack (resolving references to other stacks' outputs), then
/// fills in what every object needs (apiVersion/kind, namespace, standard labels, config checksums)
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

        var references = new References(environment, catalog);
        var objects = new List<RenderedObject>();
        foreach (var layers in environment.Stacks.Where(s => only.Count == 0 || only.Contains(s.Stack.Name)))
        {
            var context = references.ContextFor(layers);
            foreach (var built in layers.Stack.Build(context, layers.Settings.Value))
            {
                objects.Add(new RenderedObject(layers.Stack.Name, Complete(built, layers.Stack, environment, catalog.System)));
            }
        }

        CheckUnique(objects);
        ConfigChecksums.Apply(objects);
        var stackOrder = references.Order();
        var rank = stackOrder.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var ordered = objects
            .OrderBy(o => InstallOrder.Rank(o.Kind))
            .ThenBy(o => rank[o.Stack])
            .ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToArray();
        return new RenderResult(environment, ordered, stackOrder, references.Dependencies);
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

        if (InstallOrder.IsNamespaced(built.Kind))
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

    private static void CheckUnique(List<RenderedObject> objects)
    {
        var seen = new Dictionary<string, RenderedObject>(StringComparer.Ordinal);
        foreach (var rendered in objects)
        {
            var key = $"{rendered.ApiVersion}/{rendered.Kind}/{rendered.Resource.Metadata.NamespaceProperty}/{rendered.Name}";
            if (!seen.TryAdd(key, rendered))
            {
                throw new InvalidOperationException($"{rendered.Id} is emitted by both stack {seen[key].Stack} and stack {rendered.Stack}; object names must be unique");
            }
        }
    }

    /// <summary>Resolves references between stacks and records them as dependencies.</summary>
    private sealed class References(EnvironmentConfig environment, StackCatalog catalog)
    {
        private readonly Dictionary<string, object> _outputs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _computing = new(StringComparer.Ordinal);
        private readonly List<StackDependency> _dependencies = [];

        public IReadOnlyList<StackDependency> Dependencies => _dependencies;

        public StackContext ContextFor(StackLayers layers) =>
            new(environment.Name, environment.Target, catalog.System, layers.Stack, type => Resolve(layers, type));

        /// <summary>Stacks with providers before consumers; ties in name order.</summary>
        public string[] Order()
        {
            var order = new List<string>();
            var state = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var name in environment.Stacks.Select(s => s.Stack.Name))
            {
                Visit(name, state, order, []);
            }

            return [.. order];
        }

        private void Visit(string name, Dictionary<string, bool> done, List<string> order, List<string> path)
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
            foreach (var provider in _dependencies.Where(d => d.Consumer == name).Select(d => d.Provider).Distinct().Order(StringComparer.Ordinal))
            {
                Visit(provider, done, order, path);
            }

            path.RemoveAt(path.Count - 1);
            done[name] = true;
            order.Add(name);
        }

        private string Providers(Type outputsType) =>
            catalog.Stacks.Where(s => s.OutputsType == outputsType).Select(s => $"stack '{s.Name}'").DefaultIfEmpty("a stack that provides it").First();

        private object Resolve(StackLayers consumer, Type outputsType)
        {
            var providers = environment.Stacks.Where(s => s.Stack.OutputsType == outputsType).ToArray();
            if (providers.Length != 1)
            {
                throw new InputException(
                    consumer.Declared,
                    providers.Length == 0
                        ? $"stack '{consumer.Stack.Name}' references {outputsType.Name}, but environment '{environment.Name}' deploys no stack that provides it; add {Providers(outputsType)} to its stacks"
                        : $"stack '{consumer.Stack.Name}' references {outputsType.Name}, which several stacks provide ({string.Join(", ", providers.Select(p => p.Stack.Name))}); expected exactly one");
            }

            var provider = providers[0];
            var dependency = new StackDependency(consumer.Stack.Name, provider.Stack.Name);
            if (!_dependencies.Contains(dependency))
            {
                _dependencies.Add(dependency);
            }

            if (_outputs.TryGetValue(provider.Stack.Name, out var outputs))
            {
                return outputs;
            }

            if (!_computing.Add(provider.Stack.Name))
            {
                throw new InputException(provider.Declared, $"stacks '{consumer.Stack.Name}' and '{provider.Stack.Name}' reference each other's outputs in a cycle; a stack may only reference stacks that do not reference it back");
            }

            outputs = provider.Stack.Outputs(ContextFor(provider), provider.Settings.Value);
            _computing.Remove(provider.Stack.Name);
            _outputs[provider.Stack.Name] = outputs;
            return outputs;
        }
    }
}
