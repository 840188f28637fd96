using System.Text.Json;
using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Lint;

/// <summary>
/// The SARIF output against the SARIF 2.1.0 specification's required structure (OASIS sarif-v2.1.0, §3):
/// log version and runs; run.tool.driver.name; reportingDescriptor.id; result.message.text, ruleId/ruleIndex
/// consistency, level values, physical locations with 1-based regions, suppression kinds.
/// </summary>
public sealed class SarifTests
{
    private static readonly string[] Levels = ["none", "note", "warning", "error"];

    [Fact]
    public void Sarif_output_has_the_required_sarif_2_1_0_structure()
    {
        var run = FixtureOrganisation.Organisation.Cli("lint", "--env", "production", "--format", "sarif", "--set", "broker.partitionHandling=ignore");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var log = document.RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.StartsWith("https://", log.GetProperty("$schema").GetString());
        var sarifRun = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("stackgen", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        Assert.All(rules, rule =>
        {
            Assert.Matches("^SG[0-9]{4}$", rule.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Levels);
        });

        var results = sarifRun.GetProperty("results").EnumerateArray().ToArray();
        Assert.NotEmpty(results);
        Assert.All(results, result =>
        {
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[index].GetProperty("id").GetString(), result.GetProperty("ruleId").GetString());
            Assert.Contains(result.GetProperty("level").GetString(), Levels);
            var physical = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.False(string.IsNullOrEmpty(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()));
            if (physical.TryGetProperty("region", out var region))
            {
                Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
                Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            }
        });
    }

    [Fact]
    public void Suppressed_findings_carry_a_sarif_suppression()
    {
        var run = FixtureOrganisation.Organisation.Cli("lint", "--env", "production", "--format", "sarif", "--set", "broker.partitionHandling=ignore");
        using var document = JsonDocument.Parse(run.Out);

        var result = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "SG2001");

        Assert.False(result.TryGetProperty("suppressions", out _));
        Assert.Equal("error", result.GetProperty("level").GetString());
    }
}
