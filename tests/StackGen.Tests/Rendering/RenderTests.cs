using k8s;
using k8s.Models;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;
using StackGen.Workloads;

namespace StackGen.Tests.Rendering;

public sealed class RenderTests
{
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
            result.Find<V1StatefulSet>("broker").Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];

        var before = Checksum(FixtureOrganisation.Organisation.Render("dev"));
        var after = Checksum(FixtureOrganisation.Organisation.Render("dev", ["broker.partitionHandling=autoheal"]));

        Assert.NotEqual(before, after);
    }

    [Theory]
    [MemberData(nameof(EnvironmentsOfBoth))]
    public void Secrets_are_only_ever_references(string organisation, string environment)
    {
        var result = Organisations.Named(organisation).Render(environment);

        Assert.DoesNotContain(result.Objects, o => o.Resource is V1Secret { Data.Count: > 0 });
        var variables = result.Objects
            .Select(o => PodTemplates.Of(o.Resource))
            .OfType<V1PodTemplateSpec>()
            .SelectMany(t => t.Spec.Containers.Concat(t.Spec.InitContainers ?? []))
            .SelectMany(c => c.Env ?? []);
        Assert.All(
            variables.Where(v => SecretLooking(v.Name)),
            v => Assert.True(v.Value is null, $"{v.Name} holds a literal; secrets must come from a secretKeyRef"));
    }

    private static readonly string[] SecretWords = ["PASS", "SECRET", "COOKIE", "TOKEN", "ACCESS_KEY"];

    private static bool SecretLooking(string name) => SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal));
}
