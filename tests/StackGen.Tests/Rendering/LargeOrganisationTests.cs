using System.Text;
using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Parallelism;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Rendering;

/// <summary>
/// An organisation large enough that loading, rendering and linting run in parallel gives the same result, errors
/// and error order as one small enough to run sequentially.
/// </summary>
public sealed class LargeOrganisationTests
{
    private const int Services = 2 * InOrder.ParallelThreshold;

    private static readonly StackCatalog Catalog = new(
        "large",
        [new Root(), new Hub(), .. Enumerable.Range(0, Services).Select(i => new Service(ServiceName(i)))]);

    private static string ServiceName(int index) => $"svc-{index:D3}";

    private static ScratchRepository Repository(Func<int, string> service)
    {
        var yaml = new StringBuilder("target: { context: large, namespace: large, kubernetesVersion: \"1.33\" }\nstacks:\n  root: {}\n  hub: {}\n");
        for (var i = 0; i < Services; i++)
        {
            yaml.Append($"  {ServiceName(i)}: {service(i)}\n");
        }

        return new ScratchRepository().With("dev.yaml", yaml.ToString());
    }

    [Fact]
    public void A_parallel_render_equals_rendering_the_stacks_one_by_one()
    {
        using var repository = Repository(i => $"{{ replicas: {1 + (i % 5)} }}");
        var environment = new EnvironmentLoader(repository.Root, Catalog).Load("dev", []);
        var renderer = new Renderer(Catalog);

        var whole = renderer.Render(environment, []);
        var oneByOne = environment.Stacks.SelectMany(s => renderer.Render(environment, [s.Stack.Name]).Objects)
            .OrderBy(o => InstallOrder.Rank(o.Kind))
            .ThenBy(o => whole.StackOrder.ToList().IndexOf(o.Stack))
            .ThenBy(o => o.Name, StringComparer.Ordinal);

        Assert.Equal(oneByOne.Select(o => YamlEmitter.Write(o.Resource)), whole.Objects.Select(o => YamlEmitter.Write(o.Resource)));
        Assert.Equal(YamlEmitter.Write(whole.Objects.Select(o => (object)o.Resource)), YamlEmitter.Write(renderer.Render(environment, []).Objects.Select(o => (object)o.Resource)));
        Assert.Equal(Linter.Run(whole).Findings.Select(f => f.ToString()), Linter.Run(renderer.Render(environment, [])).Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Dependencies_are_listed_in_the_order_a_sequential_render_meets_them()
    {
        using var repository = Repository(_ => "{}");
        var environment = new EnvironmentLoader(repository.Root, Catalog).Load("dev", []);

        var result = new Renderer(Catalog).Render(environment, []);

        // The first service to reference the hub computes its outputs, which reference the root.
        StackDependency[] expected =
        [
            new(ServiceName(0), "hub"),
            new("hub", "root"),
            .. Enumerable.Range(1, Services - 1).Select(i => new StackDependency(ServiceName(i), "hub")),
        ];
        Assert.Equal(expected, result.Dependencies);
        Assert.Equal(["root", "hub"], result.StackOrder.Take(2));
    }

    [Fact]
    public void Binding_errors_of_many_stacks_come_in_stack_order()
    {
        using var repository = Repository(i => i % 3 == 0 ? "{ replicas: many }" : i % 3 == 1 ? "{ replica: 2 }" : "{}");

        var errors = Assert.Throws<InputException>(() => new EnvironmentLoader(repository.Root, Catalog).Load("dev", [])).Errors;

        var expected = Enumerable.Range(0, Services).Where(i => i % 3 != 2).Select(i => i % 3 == 0
            ? $"environments/dev.yaml:{5 + i}:24: error: {ServiceName(i)}.replicas: expected an integer, got 'many'"
            : $"environments/dev.yaml:{5 + i}:14: error: {ServiceName(i)}.replica: unknown setting; did you mean 'replicas'? (settings here: replicas)");
        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    public sealed record Empty;

    public sealed record ServiceSettings
    {
        public int Replicas { get; init; } = 1;
    }

    public sealed record RootOutputs(string Host);

    public sealed record HubOutputs(string Host);

    private sealed class Root : Stack<Empty, RootOutputs>
    {
        public override string Name => "root";

        public override string Owner => "platform";

        public override string Description => "provides the root host";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, Empty settings) => [];

        protected override RootOutputs Outputs(StackContext context, Empty settings) => new(context.ServiceHost("root"));
    }

    private sealed class Hub : Stack<Empty, HubOutputs>
    {
        public override string Name => "hub";

        public override string Owner => "platform";

        public override string Description => "its outputs reference the root's";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, Empty settings) => [];

        protected override HubOutputs Outputs(StackContext context, Empty settings) => new($"hub.{context.Reference<RootOutputs>().Host}");
    }

    private sealed class Service(string name) : StackGen.Stacks.Stack<ServiceSettings>
    {
        public override string Name => name;

        public override string Owner => "apps";

        public override string Description => "references the hub";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, ServiceSettings settings)
        {
            var hub = context.Reference<HubOutputs>();
            yield return new V1ConfigMap { Metadata = context.Metadata(context.Name("config"), "api"), Data = new Dictionary<string, string> { ["HUB"] = hub.Host } };
            yield return new V1Deployment
            {
                Metadata = context.Metadata(context.Name(), "api"),
                Spec = new V1DeploymentSpec
                {
                    Replicas = settings.Replicas,
                    Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels("api") },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = context.Labels("api") },
                        Spec = new V1PodSpec
                        {
                            Containers = [new V1Container { Name = "api", Image = "example.com/api:1.0.0", EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = context.Name("config") } }] }],
                        },
                    },
                },
            };
        }
    }
}
