using k8s;
using k8s.Models;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Stacks.RabbitMq;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

public sealed class RenderTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    public static TheoryData<string, string> EnvironmentsOfBoth() => Organisations.Environments();

    [Theory]
    [MemberData(nameof(EnvironmentsOfBoth))]
    public void Two_renders_are_byte_identical(string organisation, string environment)
    {
        Assert.Equal(Organisations.Named(organisation).Yaml(environment), Organisations.Named(organisation).Yaml(environment));
    }

    [Fact]
    public void The_cli_prints_exactly_the_engine_render()
    {
        var run = FixtureOrganisation.Organisation.Cli("render", "--env", "production");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(FixtureOrganisation.Organisation.Yaml("production"), run.Out);
    }

    [Fact]
    public void Every_shipped_environment_renders_through_the_cli()
    {
        OrganisationChecks.RendersEveryEnvironment(Renders.Shipped);
    }

    [Theory]
    [MemberData(nameof(EnvironmentsOfBoth))]
    public void Objects_come_in_install_order(string organisation, string environment)
    {
        var ranks = Organisations.Named(organisation).Render(environment).Objects.Select(o => InstallOrder.Rank(o.Kind)).ToArray();

        Assert.Equal(ranks.Order(), ranks);
    }

    [Theory]
    [MemberData(nameof(EnvironmentsOfBoth))]
    public void Every_object_carries_the_standard_labels_and_the_target_namespace(string organisation, string environment)
    {
        var result = Organisations.Named(organisation).Render(environment);

        Assert.All(result.Objects, o =>
        {
            Assert.All(StandardLabels.All, label => Assert.True(o.Resource.Metadata.Labels.ContainsKey(label), $"{o.Id} lacks {label}"));
            Assert.Equal(result.Environment.Target.Namespace, o.Resource.Metadata.NamespaceProperty);
        });
    }

    [Fact]
    public void A_config_change_changes_the_pod_template_checksum()
    {
        static string Checksum(RenderResult result) =>
            Find<V1StatefulSet>(result, "broker").Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];

        var before = Checksum(FixtureOrganisation.Organisation.Render("dev"));
        var after = Checksum(FixtureOrganisation.Organisation.Render("dev", ["broker.partitionHandling=autoheal"]));

        Assert.NotEqual(before, after);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Rabbitmq_encodes_the_production_lessons(string environment)
    {
        var result = Renders.Render(environment);
        var nodes = Find<V1StatefulSet>(result, "rabbitmq");
        var peers = Find<V1Service>(result, nodes.Spec.ServiceName);
        var config = Find<V1ConfigMap>(result, "rabbitmq-config").Data["rabbitmq.conf"];

        Assert.Equal("apps/v1", nodes.ApiVersion);
        Assert.Equal("None", peers.Spec.ClusterIP);
        Assert.True(peers.Spec.PublishNotReadyAddresses);
        Assert.Contains("cluster_partition_handling = pause_minority", config, StringComparison.Ordinal);
        Assert.Contains("default_queue_type = quorum", config, StringComparison.Ordinal);
        Assert.Equal(
            "kubernetes.io/hostname",
            nodes.Spec.Template.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Single().PodAffinityTerm.TopologyKey);
        Assert.Equal(nodes.Spec.Selector.MatchLabels, Find<V1PodDisruptionBudget>(result, "rabbitmq").Spec.Selector.MatchLabels);
        var broker = nodes.Spec.Template.Spec.Containers.Single(c => c.Name == "rabbitmq");
        Assert.NotNull(broker.ReadinessProbe);
        Assert.NotNull(broker.LivenessProbe);
        Assert.NotNull(broker.Env.Single(e => e.Name == "RABBITMQ_DEFAULT_PASS").ValueFrom.SecretKeyRef);
    }

    /// <summary>The storage and resources each environment's files give RabbitMQ, and resources wherever the tier is production.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Rabbitmq_storage_and_resources_follow_the_environment_files(string environment)
    {
        var result = Renders.Render(environment);
        var settings = (RabbitMqSettings)result.Environment.Find("rabbitmq")!.Settings.Value;
        var nodes = Find<V1StatefulSet>(result, "rabbitmq");
        var claim = nodes.Spec.VolumeClaimTemplates.Single().Spec;
        var limits = nodes.Spec.Template.Spec.Containers.Single(c => c.Name == "rabbitmq").Resources?.Limits;

        Assert.Equal(settings.Storage.StorageClass, claim.StorageClassName);
        Assert.Equal(settings.Storage.Size.ToKubernetes().ToString(), claim.Resources.Requests["storage"].ToString());
        Assert.Equal(settings.Resources?.Limits.Memory?.ToKubernetes().ToString(), limits?["memory"].ToString());
        if (result.Environment.Tier == Tier.Production)
        {
            Assert.NotNull(limits);
        }
    }

    [Theory]
    [MemberData(nameof(EnvironmentsOfBoth))]
    public void Secrets_are_only_ever_references(string organisation, string environment)
    {
        var result = Organisations.Named(organisation).Render(environment);

        Assert.DoesNotContain(result.Objects, o => o.Resource is V1Secret { Data.Count: > 0 });
        var variables = result.Objects
            .Select(o => ConfigChecksums.PodTemplate(o.Resource))
            .OfType<V1PodTemplateSpec>()
            .SelectMany(t => t.Spec.Containers.Concat(t.Spec.InitContainers ?? []))
            .SelectMany(c => c.Env ?? []);
        Assert.All(
            variables.Where(v => SecretLooking(v.Name)),
            v => Assert.True(v.Value is null, $"{v.Name} holds a literal; secrets must come from a secretKeyRef"));
    }

    private static readonly string[] SecretWords = ["PASS", "SECRET", "COOKIE", "TOKEN", "ACCESS_KEY"];

    private static bool SecretLooking(string name) => SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal));

    private static T Find<T>(RenderResult result, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => result.Objects.Select(o => o.Resource).OfType<T>().Single(o => o.Metadata.Name == name);
}
