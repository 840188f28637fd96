using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>Stacks use each other's typed outputs; the references are the dependency graph.</summary>
public sealed class ReferenceTests
{
    [Theory]
    [InlineData("workers-celery")]
    [InlineData("web-config")]
    public void The_broker_list_follows_the_rabbitmq_replica_count(string configMap)
    {
        var module = CeleryModules.Text(Renders.Render("production", ["rabbitmq.replicas=5"]), configMap);

        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"rabbitmq-{i}.rabbitmq-peers.shop.svc.cluster.local"),
            CeleryModules.BrokerNodes(module));
    }

    [Fact]
    public void Changing_rabbitmq_replicas_changes_only_rabbitmq_and_the_stacks_that_reference_it()
    {
        var before = Renders.Render("production");
        var after = Renders.Render("production", ["rabbitmq.replicas=5"]);

        var changed = before.Objects.Zip(after.Objects)
            .Where(pair => StackGen.Emitting.YamlEmitter.Write(pair.First.Resource) != StackGen.Emitting.YamlEmitter.Write(pair.Second.Resource))
            .Select(pair => pair.First.Stack)
            .Distinct()
            .Order(StringComparer.Ordinal);

        var consumers = before.Dependencies.Where(d => d.Provider == "rabbitmq").Select(d => d.Consumer);
        Assert.Equal(consumers.Append("rabbitmq").Distinct().Order(StringComparer.Ordinal), changed);
        Assert.Equal(before.Objects.Select(o => o.Id), after.Objects.Select(o => o.Id));
    }

    [Fact]
    public void Stacks_come_after_the_stacks_they_reference()
    {
        var result = Renders.Render("production");

        Assert.All(result.Dependencies, d => Assert.True(
            result.StackOrder.ToList().IndexOf(d.Provider) < result.StackOrder.ToList().IndexOf(d.Consumer),
            $"{d.Provider} must come before {d.Consumer}"));
        Assert.Contains(new StackDependency("workers", "rabbitmq"), result.Dependencies);
    }

    [Fact]
    public void A_reference_to_a_stack_the_environment_does_not_deploy_names_both_stacks()
    {
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: shop-dev, kubernetesVersion: "1.33" }
            stacks:
              workers: {}
            """);
        var environment = new EnvironmentLoader(repository.Root, Renders.Catalog).Load("dev", []);

        var error = Assert.Single(Assert.Throws<InputException>(() => new Renderer(Renders.Catalog).Render(environment, [])).Errors);

        Assert.Equal("environments/dev.yaml:3:3: error: stack 'workers' references RabbitMqOutputs, but environment 'dev' deploys no stack that provides it; add stack 'rabbitmq' to its stacks", error.ToString());
    }

    [Fact]
    public void Stacks_that_reference_each_other_are_a_located_error_naming_both()
    {
        var catalog = new StackCatalog("test", [new Ping(), new Pong()]);
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: test, kubernetesVersion: "1.33" }
            stacks:
              ping: {}
              pong: {}
            """);
        var environment = new EnvironmentLoader(repository.Root, catalog).Load("dev", []);

        var error = Assert.Single(Assert.Throws<InputException>(() => new Renderer(catalog).Render(environment, [])).Errors);

        Assert.Contains("'ping'", error.Message);
        Assert.Contains("'pong'", error.Message);
        Assert.Contains("cycle", error.Message);
    }

    public sealed record Empty;

    public sealed record PingOutputs(string Name);

    public sealed record PongOutputs(string Name);

    private sealed class Ping : Stack<Empty, PingOutputs>
    {
        public override string Name => "ping";

        public override string Owner => "test";

        public override string Description => "references pong";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, Empty settings) =>
            [new V1ConfigMap { Metadata = context.Metadata(context.Name(), "test"), Data = new Dictionary<string, string> { ["peer"] = context.Reference<PongOutputs>().Name } }];

        protected override PingOutputs Outputs(StackContext context, Empty settings) => new(context.Reference<PongOutputs>().Name + "-ping");
    }

    private sealed class Pong : Stack<Empty, PongOutputs>
    {
        public override string Name => "pong";

        public override string Owner => "test";

        public override string Description => "references ping";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, Empty settings) => [];

        protected override PongOutputs Outputs(StackContext context, Empty settings) => new(context.Reference<PingOutputs>().Name + "-pong");
    }
}
