using k8s;
using k8s.Models;
using StackGen.CustomResources.Gateway.V1;
using StackGen.CustomResources.Monitoring.V1;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>
/// Custom resources go through the render like built-in objects: the namespace only where their CRD says the kind is
/// namespaced, the standard labels, the install order; a stack emits only the custom kinds it declares.
/// </summary>
public sealed class CustomResourceRenderTests
{
    private static RenderResult Render(IStack stack)
    {
        var catalog = new StackCatalog("test", [stack]);
        using var repository = new ScratchRepository().With("dev.yaml", $$"""
            target: { context: dev, namespace: test, kubernetesVersion: "1.33" }
            stacks:
              {{stack.Name}}: {}

            """);
        var environment = new EnvironmentLoader(repository.Root, catalog).Load("dev", []);
        return new Renderer(catalog).Render(environment, []);
    }

    [Fact]
    public void The_namespace_follows_the_scope_the_CRD_states()
    {
        var result = Render(new Edge([typeof(GatewayClass), typeof(HTTPRoute)]));

        var gatewayClass = result.Find<GatewayClass>("edge");
        var route = result.Find<HTTPRoute>("edge");
        Assert.Null(gatewayClass.Metadata.NamespaceProperty);
        Assert.Equal("test", route.Metadata.NamespaceProperty);
        Assert.Equal(("gateway.networking.k8s.io/v1", "GatewayClass"), (gatewayClass.ApiVersion, gatewayClass.Kind));
        Assert.Equal("edge", route.Metadata.Labels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void A_custom_kind_the_stack_does_not_declare_is_a_bug_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Render(new Edge([typeof(HTTPRoute)])));

        Assert.Equal($"stack edge built a {typeof(GatewayClass).FullName} but does not list it in its CustomKinds", error.Message);
    }

    /// <summary>The generated writer: apiVersion, kind, metadata first, then StackGen's key order; enums as the schema spells them; IntOrString as a number when it is one.</summary>
    [Fact]
    public void A_custom_resource_is_written_in_key_order_with_exact_enum_values()
    {
        var monitor = new ServiceMonitor
        {
            Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "shop" },
            Spec = new ServiceMonitorSpec
            {
                Selector = new ServiceMonitorSpecSelector { MatchLabels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } },
                Endpoints =
                [
                    new ServiceMonitorSpecEndpoints { TargetPort = "8080", Scheme = ServiceMonitorSpecEndpointsScheme.HTTPS, Path = "/metrics" },
                    new ServiceMonitorSpecEndpoints { TargetPort = "web", Scheme = ServiceMonitorSpecEndpointsScheme.Http, MetricRelabelings = [] },
                ],
            },
        };

        Assert.Equal(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: m
              namespace: shop
            spec:
              endpoints:
              - path: /metrics
                scheme: HTTPS
                targetPort: 8080
              - scheme: http
                targetPort: web
              selector:
                matchLabels:
                  a: "1"
                  b: "2"

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(monitor));
    }

    /// <summary>Emits a GatewayClass (cluster-scoped) and an HTTPRoute (namespaced), declaring the kinds it is given.</summary>
    private sealed class Edge(IReadOnlyList<Type> declared) : StackGen.Stacks.Stack<EdgeSettings>
    {
        public override string Name => "edge";

        public override string Owner => "test";

        public override string Description => "a GatewayClass and an HTTPRoute";

        public override IReadOnlyList<Type> CustomKinds => declared;

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, EdgeSettings settings) =>
        [
            new GatewayClass { Metadata = context.Metadata("edge", "gateway"), Spec = new GatewayClassSpec { ControllerName = "example.com/gateway" } },
            new HTTPRoute { Metadata = context.Metadata("edge", "route"), Spec = new HTTPRouteSpec() },
        ];
    }

    public sealed record EdgeSettings;
}
