using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

public sealed class HelmTemplateTests : IDisposable
{
    private readonly ScratchRepository _repository = new();
    private readonly VendoredChart _chart;

    public HelmTemplateTests()
    {
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
        _chart = VendoredCharts.Find(_repository.Root, "queue");
    }

    private HelmTemplateRequest Request(string values = "") => new(_chart, "shop", "shop-dev", "1.34")
    {
        Values = ChartValues.From(YamlLayerReader.Read(values, (line, column) => SourceLocation.InFile("environments/dev.yaml", line, column))),
    };

    [Fact]
    public void Renders_the_chart_with_its_crds_hooks_helpers_and_dependency_in_the_environments_namespace()
    {
        var yaml = HelmTemplate.Render(ChartFixtures.Helm(), Request("replicaCount: 3\n"));

        Assert.Contains("# Source: queue/crds/queues.example.org.yaml\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", yaml);
        Assert.Contains("kind: StatefulSet\nmetadata:\n  name: shop-queue\n  namespace: shop-dev\n", yaml);
        Assert.Contains("  replicas: 3\n", yaml);
        Assert.Contains("\"helm.sh/hook\": pre-install,pre-upgrade", yaml);
        Assert.Contains("name: shop-queue-migrate", yaml);
    }

    [Fact]
    public void Kube_version_and_api_versions_are_pinned_from_the_request()
    {
        var helm = ChartFixtures.Helm();

        var defaults = HelmTemplate.Render(helm, Request());
        var declared = HelmTemplate.Render(helm, Request() with { KubernetesVersion = "1.31", ApiVersions = [.. KubernetesApiVersions.Served("1.31"), "monitoring.coreos.com/v1"] });

        Assert.Contains("  kubeVersion: \"v1.34\"\n  policyV1: \"true\"\n  monitoring: \"false\"\n", defaults);
        Assert.Contains("  kubeVersion: \"v1.31\"\n  policyV1: \"true\"\n  monitoring: \"true\"\n", declared);
    }

    [Fact]
    public void Two_renders_are_byte_identical()
    {
        var helm = ChartFixtures.Helm();

        Assert.Equal(HelmTemplate.Render(helm, Request("replicaCount: 2\n")), HelmTemplate.Render(helm, Request("replicaCount: 2\n")));
    }

    [Fact]
    public void A_chart_that_generates_a_value_is_refused_naming_where_without_the_value()
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => HelmTemplate.Render(ChartFixtures.Helm(), Request("generateToken: true\n"))).Errors);

        Assert.Equal(
            "vendor/charts/queue/1.0.0: error: renders differently on every run (queue/templates/token.yaml, token): the chart generates the value (randAlphaNum, uuidv4, now, genCA...); give it in the values (a password, an existing Secret) so the render is reproducible",
            error.ToString());
    }

    [Fact]
    public void The_command_line_pins_everything()
    {
        var arguments = HelmTemplate.Arguments(Request() with { ApiVersions = ["v1", "apps/v1"] }, "/tmp/values.json");

        Assert.Equal(
            ["template", "shop", _chart.Directory, "--namespace", "shop-dev", "--kube-version", "1.34", "--api-versions", "v1", "--api-versions", "apps/v1", "--include-crds", "--values", "/tmp/values.json"],
            arguments);
    }

    [Fact]
    public void A_helm_error_is_one_line_naming_the_chart()
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => HelmTemplate.Render(ChartFixtures.Helm(), Request("replicaCount: many\n"))).Errors);

        Assert.StartsWith("vendor/charts/queue/1.0.0: error: helm template failed: ", error.ToString());
        Assert.Contains("replicaCount", error.Message);
        Assert.DoesNotContain("\n", error.ToString());
        Assert.DoesNotContain(Path.GetTempPath(), error.Message);
    }

    [Fact]
    public void Missing_helm_is_one_line_saying_how_to_install_it()
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => HelmTool.Find(_repository.Root, SourceLocation.File(_chart.Shown), _ => null)).Errors);

        Assert.Equal(
            "vendor/charts/queue/1.0.0: error: needs helm (StackGen renders and pulls charts with it), which was not found (not on PATH, no .tools/bin/helm); install it with tools/install-helm, or set STACKGEN_HELM to a helm v4 binary",
            error.ToString());
    }

    [Fact]
    public void Stackgen_helm_names_the_binary_and_must_exist()
    {
        var helm = ChartFixtures.Helm().FilePath;

        Assert.Equal(helm, HelmTool.Find(null, SourceLocation.Flag("x"), name => name == HelmTool.EnvironmentVariable ? helm : null).FilePath);
        var error = Assert.Single(Assert.Throws<InputException>(() => HelmTool.Find(null, SourceLocation.Flag("x"), name => name == HelmTool.EnvironmentVariable ? "/nonexistent/helm" : null)).Errors);
        Assert.StartsWith("STACKGEN_HELM=/nonexistent/helm: error: expected the path of a helm v4 binary", error.ToString());
    }

    public void Dispose() => _repository.Dispose();
}
