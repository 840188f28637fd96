using System.Text.Json;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Lint;

/// <summary>`stackgen lint` end to end: exit codes, formats, suppressions from the environment file.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public LintCommandTests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "environments"), "*.yaml", SearchOption.AllDirectories))
        {
            _repository.With(Path.GetRelativePath(Path.Combine(Repository.Root, "environments"), file), File.ReadAllText(file));
        }
    }

    public void Dispose() => _repository.Dispose();

    private int LineOf(string text) =>
        File.ReadAllLines(Path.Combine(_repository.Root, "environments", "broken.yaml")).ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>Production with three of the write-up's mistakes: split-brain RabbitMQ, a moving image tag, a password in a URL.</summary>
    private void WriteBrokenEnvironment(string lint = "") => _repository.With("broken.yaml", $$"""
        target:
          context: prod-eu1
          namespace: shop
          kubernetesVersion: "1.34"
        tier: production
        stacks:
          rabbitmq:
            partitionHandling: ignore
            image: rabbitmq:latest
            resources:
              requests: { cpu: "1", memory: 4Gi }
              limits: { cpu: "2", memory: 4Gi }
          workers:
            image: registry.example.com/shop/app:2025.06.2
            resources:
              requests: { cpu: 500m, memory: 1Gi }
              limits: { cpu: "2", memory: 2Gi }
          pghoard:
            database:
              host: shop-db.prod-eu1.internal
          web:
            image: registry.example.com/shop/app:2025.06.2
            database:
              host: postgres://app:hunter2@shop-db.prod-eu1.internal
            resources:
              requests: { cpu: 500m, memory: 1Gi }
              limits: { cpu: "2", memory: 1Gi }
        {{lint}}
        """);

    [Fact]
    public void Shipped_environments_lint_clean_with_exit_0()
    {
        foreach (var environment in Renders.Environments)
        {
            var run = CliRun.In(Repository.Root, "lint", "--env", environment);

            Assert.Equal(0, run.ExitCode);
            Assert.EndsWith($"{environment}: 0 errors, 0 warnings, 0 notes, 0 suppressed\n", run.Out);
        }
    }

    [Fact]
    public void A_broken_environment_produces_exactly_the_expected_findings()
    {
        WriteBrokenEnvironment();

        var run = CliRun.In(_repository.Root, "lint", "--env", "broken", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("object").GetString()} {f.GetProperty("location").GetString()}")
            .ToArray();
        Assert.Equal(
            [
                "SG2001 StatefulSet/rabbitmq environments/broken.yaml:8:24",
                "SG2007 StatefulSet/rabbitmq environments/broken.yaml:9:12",
                "SG2005 Deployment/web environments/broken.yaml:21:3",
            ],
            findings);
    }

    [Fact]
    public void An_even_rabbitmq_cluster_is_a_finding_at_the_replicas_setting()
    {
        var production = File.ReadAllText(Path.Combine(_repository.Root, "environments", "production.yaml"));
        _repository.With("production.yaml", production.Replace("  rabbitmq:\n    replicas: 3\n", "  rabbitmq:\n    replicas: 4\n", StringComparison.Ordinal));
        var line = File.ReadAllLines(Path.Combine(_repository.Root, "environments", "production.yaml")).ToList().FindIndex(l => l == "    replicas: 4") + 1;

        var run = CliRun.In(_repository.Root, "lint", "--env", "production", "--format", "json");

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
                stack: rabbitmq
                reason: single-AZ lab cluster, partitions are not expected
              - rule: SG2007
                resource: StatefulSet/rabbitmq
                reason: tracking upstream on purpose in this lab
              - rule: SG2005
                reason: throw-away credentials of the lab database
            """);

        var run = CliRun.In(_repository.Root, "lint", "--env", "broken");

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

        var run = CliRun.In(_repository.Root, "lint", "--env", "broken", "--format", "json");

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

        var run = CliRun.In(_repository.Root, "lint", "--env", "broken");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"environments/broken.yaml:{LineOf("SG2100")}:5: error: lint.severity.SG2100: unknown rule 'SG2100'", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Render_refuses_a_render_with_errors_and_prints_nothing()
    {
        WriteBrokenEnvironment();

        var run = CliRun.In(_repository.Root, "render", "--env", "broken");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("SG2001", run.Error);
    }

    [Fact]
    public void Explain_prints_the_rule()
    {
        var run = CliRun.In(Repository.Root, "lint", "--explain", "SG2004");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("SG2004: Backup workloads are bounded and deprioritised", run.Out);
        Assert.Contains("Severity: development warning, staging warning, production error", run.Out);
    }

    [Fact]
    public void Every_lesson_of_the_design_has_a_rule()
    {
        string[] lessons = ["SG2004", "SG2001", "SG1007", "SG2002", "SG2005", "SG1012", "SG2003", "SG2008"];

        Assert.All(lessons, id => Assert.NotNull(Linter.Find(id)));
        Assert.Equal(Linter.Rules.Count, Linter.Rules.Select(r => r.Id).Distinct().Count());
    }
}
