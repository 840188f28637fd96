using System.Text.Json;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Lint;

/// <summary>`stackgen lint` end to end (on a scratch copy of the fixture organisation): exit codes, formats, suppressions from the environment file.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly ScratchOrganisation _repository = FixtureOrganisation.Organisation.Copy();

    public void Dispose() => _repository.Dispose();

    private int LineOf(string text) =>
        File.ReadAllLines(_repository.PathOf("broken.yaml")).ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private CliRun Run(params string[] args) => _repository.Organisation.Cli(args);

    /// <summary>Production with three of the write-up's mistakes: split-brain RabbitMQ, a moving image tag, a password in a URL.</summary>
    private void WriteBrokenEnvironment(string lint = "") => _repository.With("broken.yaml", $$"""
        target:
          context: prod-eu1
          namespace: shop
          kubernetesVersion: "1.34"
        tier: production
        stacks:
          broker:
            partitionHandling: ignore
            image: rabbitmq:latest
            resources:
              requests: { cpu: "1", memory: 4Gi }
              limits: { cpu: "2", memory: 4Gi }
          backup:
            resources:
              requests: { cpu: 100m, memory: 256Mi }
              limits: { cpu: 500m, memory: 512Mi }
          worker:
            resultBackend: redis://app:hunter2@results.shop.internal:6379/0
            resources:
              requests: { cpu: 250m, memory: 512Mi }
              limits: { cpu: "1", memory: 512Mi }
        {{lint}}
        """);

    /// <summary>Clean for its tier: no errors. A warning is what render accepts, so it may ship (and is printed).</summary>
    [Fact]
    public void Shipped_environments_lint_without_errors_with_exit_0()
    {
        OrganisationChecks.LintsWithoutErrors(Renders.Shipped);
    }

    [Fact]
    public void Fixture_environments_lint_clean_with_exit_0()
    {
        foreach (var environment in FixtureOrganisation.Organisation.Environments)
        {
            var run = FixtureOrganisation.Organisation.Cli("lint", "--env", environment);

            Assert.Equal(0, run.ExitCode);
            Assert.EndsWith($"{environment}: 0 errors, 0 warnings, 0 notes, 0 suppressed\n", run.Out);
        }
    }

    [Fact]
    public void A_broken_environment_produces_exactly_the_expected_findings()
    {
        WriteBrokenEnvironment();

        var run = Run("lint", "--env", "broken", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("object").GetString()} {f.GetProperty("location").GetString()}")
            .ToArray();
        Assert.Equal(
            [
                "SG2001 StatefulSet/broker environments/broken.yaml:8:24",
                "SG2007 StatefulSet/broker environments/broken.yaml:9:12",
                "SG2005 Deployment/worker environments/broken.yaml:17:3",
            ],
            findings);
    }

    [Fact]
    public void An_even_rabbitmq_cluster_is_a_finding_at_the_replicas_setting()
    {
        var production = File.ReadAllText(_repository.PathOf("production.yaml"));
        _repository.With("production.yaml", production.Replace("  broker:\n    replicas: 3\n", "  broker:\n    replicas: 4\n", StringComparison.Ordinal));
        var line = File.ReadAllLines(_repository.PathOf("production.yaml")).ToList().FindIndex(l => l == "    replicas: 4") + 1;

        var run = Run("lint", "--env", "production", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG2009", finding.GetProperty("rule").GetString());
        Assert.Equal($"environments/production.yaml:{line}:15", finding.GetProperty("location").GetString());
    }

    [Fact]
    public void A_suppression_with_a_reason_is_listed_as_suppressed_and_does_not_fail()
    {
        WriteBrokenEnvironment("""
            lint:
              suppress:
              - rule: SG2001
                stack: broker
                reason: single-AZ lab cluster, partitions are not expected
              - rule: SG2007
                resource: StatefulSet/broker
                reason: tracking upstream on purpose in this lab
              - rule: SG2005
                reason: throw-away credentials of the lab result store
            """);

        var run = Run("lint", "--env", "broken");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("suppressed SG2001", run.Out);
        Assert.EndsWith("broken: 0 errors, 0 warnings, 0 notes, 3 suppressed\n", run.Out);
    }

    [Fact]
    public void A_suppression_without_a_reason_is_an_error_located_in_the_environment_file()
    {
        WriteBrokenEnvironment("""
            lint:
              suppress:
              - rule: SG2001
            """);

        var run = Run("lint", "--env", "broken", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"\"location\": \"environments/broken.yaml:{LineOf("- rule: SG2001")}:5\"", run.Out);
        Assert.Contains("\"rule\": \"SG0001\"", run.Out);
        Assert.Contains("\"rule\": \"SG2001\"", run.Out);
    }

    [Fact]
    public void An_unknown_rule_in_the_environment_file_is_an_input_error()
    {
        WriteBrokenEnvironment("""
            lint:
              severity:
                SG2100: warning
            """);

        var run = Run("lint", "--env", "broken");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"environments/broken.yaml:{LineOf("SG2100")}:5: error: lint.severity.SG2100: unknown rule 'SG2100'", Assert.Single(run.ErrorLines));
    }

    /// <summary>
    /// The `lint:` section is bound while the environment loads, like `target:` and `stacks:`: a misspelt key or a wrong
    /// type is an input error at its position (with a did-you-mean) for every command that loads the environment, also
    /// those that never lint (explain).
    /// </summary>
    [Theory]
    [InlineData("render", "  supress: []", "supress: []", 3, "lint.supress: unknown setting; did you mean 'suppress'?")]
    [InlineData("explain", "  severity: { SG2006: loud }", "loud", 23, "lint.severity.SG2006: expected one of off, note, warning, error, got 'loud'")]
    [InlineData("lint", "  suppress:\n  - rule: SG2001\n    reasn: lab", "reasn", 5, "lint.suppress[0].reasn: unknown setting; did you mean 'reason'?")]
    [InlineData("diff", "  external: Secret/ca", "Secret/ca", 13, "lint.external: expected a list")]
    public void A_misspelt_or_mistyped_lint_key_is_an_input_error_at_its_position(string command, string section, string marker, int column, string message)
    {
        WriteBrokenEnvironment("lint:\n" + section);
        string[] args = command == "explain" ? ["explain", "--env", "broken", "broker.replicas"] : [command, "--env", "broken"];

        var run = Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"environments/broken.yaml:{LineOf(marker)}:{column}: error: {message}", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Render_refuses_a_render_with_errors_and_prints_nothing()
    {
        WriteBrokenEnvironment();

        var run = Run("render", "--env", "broken");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("SG2001", run.Error);
    }

    [Fact]
    public void Explain_prints_the_rule()
    {
        var run = FixtureOrganisation.Organisation.Cli("lint", "--explain", "SG2004");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("SG2004: Backup workloads are bounded and deprioritised", run.Out);
        Assert.Contains("Severity: development warning, staging warning, production error", run.Out);
    }

    [Fact]
    public void Every_lesson_of_the_design_has_a_rule()
    {
        string[] lessons = ["SG2004", "SG2001", "SG1007", "SG2002", "SG2005", "SG1012", "SG2003", "SG2008"];

        var rules = Linter.RulesFor(Renders.Catalog.Stacks);

        Assert.All(lessons, id => Assert.NotNull(Linter.Find(rules, id)));
    }
}
