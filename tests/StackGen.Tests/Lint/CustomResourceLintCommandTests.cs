using System.Text.Json;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Lint;

/// <summary>
/// `stackgen lint` on custom resources, end to end: the fixture organisation plus its <see cref="BrokerMonitor"/> stack (a
/// ServiceMonitor built as an UntypedObject), validated against the CRD in crds/monitoring.coreos.com.
/// </summary>
public sealed class CustomResourceLintCommandTests : IDisposable
{
    private readonly ScratchOrganisation _repository = FixtureOrganisation.Organisation.Copy();

    public CustomResourceLintCommandTests()
    {
        _repository.UseCatalog(new StackCatalog(FixtureOrganisation.System, [.. FixtureOrganisation.Catalog.Stacks, new BrokerMonitor()]));
    }

    public void Dispose() => _repository.Dispose();

    private void WriteMonitoredEnvironment(string monitor = "", string lint = "") => _repository.With("monitored.yaml", $$"""
        target:
          context: fixture-dev
          namespace: fixture-dev
          kubernetesVersion: "1.34"
        tier: development
        stacks:
          broker:
            replicas: 1
          monitor:
            interval: 15s
        {{monitor}}
        {{lint}}
        """);

    private static string[] Findings(CliRun run)
    {
        using var json = JsonDocument.Parse(run.Out);
        return [.. json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("object").GetString()} {f.GetProperty("message").GetString()}")];
    }

    [Fact]
    public void A_valid_service_monitor_lints_clean()
    {
        WriteMonitoredEnvironment();

        var run = _repository.Organisation.Cli("lint", "--env", "monitored");

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("monitored: 0 errors, 0 warnings, 0 notes, 0 suppressed\n", run.Out);
    }

    [Fact]
    public void A_misspelt_field_fails_lint_with_exit_1_and_the_field_path()
    {
        WriteMonitoredEnvironment("""
                extraSpec:
                  endpoint: metrics
            """);

        var run = _repository.Organisation.Cli("lint", "--env", "monitored", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["SG1013 ServiceMonitor/monitor spec.endpoint: unknown field; did you mean 'endpoints'?"], Findings(run));
    }

    [Fact]
    public void A_wrong_enum_value_fails_lint_with_exit_1_and_the_field_path()
    {
        WriteMonitoredEnvironment();

        var run = _repository.Organisation.Cli("lint", "--env", "monitored", "--set", "monitor.scheme=htps");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error      SG1013  spec.endpoints[0].scheme: the string \"htps\" is not one of the allowed values: \"http\", \"https\", \"HTTP\", \"HTTPS\"; did you mean 'https'?", run.Out);
        Assert.EndsWith("monitored: 1 errors, 0 warnings, 0 notes, 0 suppressed\n", run.Out);
    }

    [Fact]
    public void Render_refuses_an_invalid_custom_resource_and_prints_nothing()
    {
        WriteMonitoredEnvironment();

        var run = _repository.Organisation.Cli("render", "--env", "monitored", "--set", "monitor.interval=30 seconds");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("spec.endpoints[0].interval: the string \"30 seconds\" does not match the pattern", run.Error);
    }

    [Fact]
    public void A_kind_with_no_known_definition_is_a_finding_until_the_environment_declares_it_external()
    {
        WriteMonitoredEnvironment();
        string[] set = ["--set", "monitor.apiVersion=monitoring.example.com/v1"];

        var unknown = _repository.Organisation.Cli(["lint", "--env", "monitored", "--format", "json", .. set]);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(["SG1014 ServiceMonitor/monitor no CustomResourceDefinition for kind ServiceMonitor in API group monitoring.example.com: not in crds/, not rendered by a stack, not in lint.externalKinds"], Findings(unknown));

        WriteMonitoredEnvironment(lint: """
            lint:
              externalKinds: [cert-manager.io/Certificate, monitoring.example.com/*]
            """);
        Assert.Equal(0, _repository.Organisation.Cli(["lint", "--env", "monitored", .. set]).ExitCode);
    }

    [Fact]
    public void A_version_the_definition_does_not_serve_is_a_finding_naming_the_served_ones()
    {
        WriteMonitoredEnvironment();

        var run = _repository.Organisation.Cli("lint", "--env", "monitored", "--format", "json", "--set", "monitor.apiVersion=monitoring.coreos.com/v1alpha1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["SG1014 ServiceMonitor/monitor monitoring.coreos.com/v1alpha1 is not served by its CustomResourceDefinition (crds/monitoring.coreos.com/v0.93.0/monitoring.coreos.com_servicemonitors.yaml); use monitoring.coreos.com/v1"], Findings(run));
    }

    [Fact]
    public void A_malformed_external_kind_is_an_input_error_at_its_position()
    {
        WriteMonitoredEnvironment(lint: """
            lint:
              externalKinds:
              - Certificate
              - apps/Deployment
            """);

        var run = _repository.Organisation.Cli("lint", "--env", "monitored");

        Assert.Equal(2, run.ExitCode);
        var lines = File.ReadAllLines(_repository.PathOf("monitored.yaml")).ToList();
        Assert.Equal(
            [
                $"environments/monitored.yaml:{lines.IndexOf("  - Certificate") + 1}:5: error: lint.externalKinds[0]: expected API group/Kind such as cert-manager.io/Certificate (or group/* for every kind of the group), got 'Certificate'",
                $"environments/monitored.yaml:{lines.IndexOf("  - apps/Deployment") + 1}:5: error: lint.externalKinds[1]: 'apps' is a built-in Kubernetes API group; expected the group of a custom resource (objects themselves go in lint.external as Kind/name)",
            ],
            run.ErrorLines);
    }
}
