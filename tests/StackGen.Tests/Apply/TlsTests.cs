using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// apply's connection is set up from the kubeconfig as kubectl sets it up: the cluster's CA is the only root it
/// trusts, insecure-skip-tls-verify skips the check, and a client certificate authenticates without a token.
/// </summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Apply_over_https_trusts_the_kubeconfigs_certificate_authority()
    {
        await using var cluster = await FakeCluster.StartAsync(FakeKubeTls.Create());

        var run = cluster.Run("apply", "--env", "production");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("https://127.0.0.1:", cluster.Server.BaseAddress.ToString(), StringComparison.Ordinal);
        cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_is_refused()
    {
        await using var cluster = await FakeCluster.StartAsync(FakeKubeTls.Create());
        var stranger = FakeKubeTls.KubeconfigData(FakeKubeTls.NewAuthority("someone-else"));
        var kubeconfig = Rewrite(cluster, "other-ca", text => ReplaceLine(text, "certificate-authority-data:", $"    certificate-authority-data: {stranger}"));

        var run = cluster.Run("diff", "--env", "production", "--kubeconfig", kubeconfig);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"cannot reach the API server at {cluster.Server.BaseAddress.GetLeftPart(UriPartial.Authority)}", run.Error, StringComparison.Ordinal);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_connects_without_checking_the_certificate()
    {
        await using var cluster = await FakeCluster.StartAsync(FakeKubeTls.Create());
        var kubeconfig = Rewrite(cluster, "insecure", text => ReplaceLine(text, "certificate-authority-data:", "    insecure-skip-tls-verify: true"));

        var run = cluster.Run("apply", "--env", "production", "--kubeconfig", kubeconfig);

        Assert.True(run.ExitCode == 0, run.Error);
        cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }

    [Fact]
    public async Task A_client_certificate_authenticates_without_a_token()
    {
        await using var cluster = await FakeCluster.StartAsync(FakeKubeTls.Create(clientCertificate: true));

        var run = cluster.Run("apply", "--env", "production");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("token:", File.ReadAllText(cluster.Kubeconfig), StringComparison.Ordinal);
        cluster.AssertLiveEqualsRender(FixtureOrganisation.Organisation.Render("production"));
    }

    private static string Rewrite(FakeCluster cluster, string name, Func<string, string> change)
    {
        var path = Path.Combine(Path.GetDirectoryName(cluster.Kubeconfig)!, $"{name}.kubeconfig");
        File.WriteAllText(path, change(File.ReadAllText(cluster.Kubeconfig)));
        return path;
    }

    private static string ReplaceLine(string text, string starting, string replacement) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimStart().StartsWith(starting, StringComparison.Ordinal) ? replacement : line));
}
