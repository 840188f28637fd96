using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>Stacks use each other's typed outputs; the references are the dependency graph.</summary>
public sealed class ReferenceTests
{
    private static string EnvValue(RenderResult result, string deployment, string variable) =>
        result.Objects.Select(o => o.Resource).OfType<V1Deployment>().Single(d => d.Metadata.Name == deployment)
            .Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == variable).Value;

    private static TestOrganisation Fixture => FixtureOrganisation.Organisation;

    /// <summary>Names of the stacks with an object whose YAML differs between the two renders of the same objects.</summary>
    private static IEnumerable<string> ChangedStacks(RenderResult before, RenderResult after)
    {
        Assert.Equal(before.Objects.Select(o => o.Id), after.Objects.Select(o => o.Id));
        return before.Objects.Zip(after.Objects)
            .Where(pair => StackGen.Emitting.YamlEmitter.Write(pair.First.Resource) != StackGen.Emitting.YamlEmitter.Write(pair.Second.Resource))
            .Select(pair => pair.First.Stack)
            .Distinct()
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> ProviderAndConsumers(RenderResult result, string provider) =>
        result.Dependencies.Where(d => d.Provider == provider).Select(d => d.Consumer).Append(provider).Distinct().Order(StringComparer.Ordinal);

    [Fact]
    public void A_consumer_gets_one_url_per_node_of_the_stack_it_references()
    {
        var urls = EnvValue(Fixture.Render("production", ["broker.replicas=5"]), "worker", "BROKER_URL").Split(';');

        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"amqp://app:$(BROKER_PASSWORD)@broker-{i}.broker-peers.shop.svc.cluster.local:5672/"),
            urls);
    }

    [Fact]
    public void Changing_a_setting_changes_only_its_stack_and_the_stacks_that_reference_it()
    {
        var before = Fixture.Render("production");
        var after = Fixture.Render("production", ["broker.replicas=5"]);

        Assert.Equal(["broker", "worker"], ChangedStacks(before, after));
        Assert.Equal(ProviderAndConsumers(before, "broker"), ChangedStacks(before, after));
    }

    [Fact]
    public void Stacks_come_after_the_stacks_they_reference()
    {
        var result = Fixture.Render("production");

        AssertProvidersFirst(result);
        Assert.Equal([new StackDependency("worker", "broker")], result.Dependencies);
    }

    /// <summary>README: `--set rabbitmq.replicas=N` gives every consumer N broker URLs with no other edit.</summary>
    [Theory]
    [InlineData("workers-celery")]
    [InlineData("web-config")]
    public void The_broker_list_follows_the_rabbitmq_replica_count(string configMap)
    {
        var replicas = OtherReplicaCount();
        var result = Renders.Render("production", [$"rabbitmq.replicas={replicas}"]);

        var module = CeleryModules.Text(result, configMap);

        Assert.Equal(
            Enumerable.Range(0, replicas).Select(i => $"rabbitmq-{i}.rabbitmq-peers.{result.Environment.Target.Namespace}.svc.cluster.local"),
            CeleryModules.BrokerNodes(module));
    }

    [Fact]
    public void Changing_rabbitmq_replicas_changes_only_rabbitmq_and_the_stacks_that_reference_it()
    {
        var before = Renders.Render("production");
        var after = Renders.Render("production", [$"rabbitmq.replicas={OtherReplicaCount()}"]);

        Assert.Equal(ProviderAndConsumers(before, "rabbitmq"), ChangedStacks(before, after));
    }

    [Fact]
    public void The_organisations_stacks_come_after_the_stacks_they_reference()
    {
        var result = Renders.Render("production");

        AssertProvidersFirst(result);
        Assert.Contains(new StackDependency("workers", "rabbitmq"), result.Dependencies);
    }

    [Fact]
    public void A_reference_to_a_stack_the_environment_does_not_deploy_names_both_stacks()
    {
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: fixture-dev, kubernetesVersion: "1.33" }
            stacks:
              worker: {}
            """);
        var environment = new EnvironmentLoader(repository.Root, FixtureOrganisation.Catalog).Load("dev", []);

        var error = Assert.Single(Assert.Throws<InputException>(() => new Renderer(FixtureOrganisation.Catalog).Render(environment, [])).Errors);

        Assert.Equal("environments/dev.yaml:3:3: error: stack 'worker' references BrokerOutputs, but environment 'dev' deploys no stack that provides it; add stack 'broker' to its stacks", error.ToString());
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

    /// <summary>A replica count production does not have today (whatever its files say), within the setting's range.</summary>
    private static int OtherReplicaCount()
    {
        var current = ((StackGen.Stacks.RabbitMq.RabbitMqSettings)Renders.Shipped.Load("production").Find("rabbitmq")!.Settings.Value).Replicas;
        return current == 5 ? 7 : 5;
    }

    private static void AssertProvidersFirst(RenderResult result)
    {
        var order = result.StackOrder.ToList();
        Assert.All(result.Dependencies, d => Assert.True(order.IndexOf(d.Provider) < order.IndexOf(d.Consumer), $"{d.Provider} must come before {d.Consumer}"));
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
