using k8s;
using k8s.Models;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

public sealed class RenderTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Two_renders_are_byte_identical(string environment)
    {
        Assert.Equal(Renders.Yaml(environment), Renders.Yaml(environment));
    }

    [Fact]
    public void The_cli_prints_exactly_the_engine_render()
    {
        var run = CliRun.In(Repository.Root, "render", "--env", "production");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Renders.Yaml("production"), run.Out);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Objects_come_in_install_order(string environment)
    {
        var ranks = Renders.Render(environment).Objects.Select(o => InstallOrder.Rank(o.Kind)).ToArray();

        Assert.Equal(ranks.Order(), ranks);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_object_carries_the_standard_labels_and_the_target_namespace(string environment)
    {
        var result = Renders.Render(environment);

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
            result.Find<V1StatefulSet>("rabbitmq").Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];

        var before = Checksum(Renders.Render("dev"));
        var after = Checksum(Renders.Render("dev", ["rabbitmq.partitionHandling=autoheal"]));

        Assert.NotEqual(before, after);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Secrets_are_only_ever_references(string environment)
    {
        var result = Renders.Render(environment);

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
}
