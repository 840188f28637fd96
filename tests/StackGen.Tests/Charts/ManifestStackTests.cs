using StackGen.Charts;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

/// <summary>An upstream YAML manifest vendored, locked, included by a stack and patched like a chart's objects.</summary>
public sealed class ManifestStackTests : IDisposable
{
    private const string Vendored = "vendor/manifests/queue-operator/v0.4.1/queue-operator.yaml";
    private readonly ScratchRepository _repository = new();

    public ManifestStackTests()
    {
        _repository.With("dev.yaml", ScratchRepository.DevTarget + "stacks:\n  operator: {}\n");
    }

    private static string Fixture => Path.Combine(Repository.TestsDirectory, "Fixtures", "Manifests", "queue-operator.yaml");

    private CliRun Stackgen(params string[] args) => CliRun.In(_repository.Root, new StackCatalog("shop", [new OperatorManifest()]), args);

    private CliRun VendorFixture() => Stackgen("vendor", Fixture, "--version", "v0.4.1");

    [Fact]
    public void Vendoring_a_manifest_copies_it_and_locks_its_sha256()
    {
        var run = VendorFixture();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("vendored queue-operator v0.4.1 into vendor/manifests/queue-operator/v0.4.1 (sha256 ", run.Out);
        var entry = Assert.Single(VendorLock.Read(_repository.Root).Manifests);
        Assert.Equal(("queue-operator", "v0.4.1", true), (entry.Name, entry.Version, entry.IsManifest));
        Assert.Empty(VendorLock.Read(_repository.Root).Charts);
        Assert.Equal(File.ReadAllText(Fixture), File.ReadAllText(Path.Combine(_repository.Root, Vendored)));
        Assert.Contains("manifests:\n  queue-operator:\n    version: v0.4.1\n", File.ReadAllText(Path.Combine(_repository.Root, "vendor", "vendor.lock")));
        Assert.Equal("queue-operator v0.4.1: the files match vendor/vendor.lock\n", Stackgen("vendor", "--verify").Out);
    }

    [Fact]
    public void A_stack_includes_the_manifest_typed_patched_and_completed()
    {
        Assert.Equal(0, VendorFixture().ExitCode);

        var run = Stackgen("render", "--env", "dev");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("kind: CustomResourceDefinition\nmetadata:\n  name: queues.example.org\n", run.Out);
        Assert.Contains("kind: Deployment\nmetadata:\n  name: queue-operator\n  namespace: shop-dev\n", run.Out);
        Assert.Contains("spec:\n  replicas: 2\n", run.Out);
        Assert.Contains("kind: ServiceMonitor\nmetadata:\n  name: queue-operator\n  namespace: shop-dev\n", run.Out);
        Assert.Contains("    app.kubernetes.io/managed-by: stackgen\n", run.Out);
        Assert.Equal(run.Out, Stackgen("render", "--env", "dev").Out);
    }

    [Fact]
    public void A_tampered_manifest_is_exit_2_naming_it()
    {
        Assert.Equal(0, VendorFixture().ExitCode);
        File.AppendAllText(Path.Combine(_repository.Root, Vendored), "# edited\n");

        var run = Stackgen("render", "--env", "dev");

        BadInput.AssertOneError(run, $"{Vendored}: error: changed since queue-operator v0.4.1 was vendored");
    }

    [Fact]
    public void A_patch_of_a_deployment_the_manifest_does_not_have_is_exit_2()
    {
        Assert.Equal(0, VendorFixture().ExitCode);

        var run = Stackgen("render", "--env", "dev", "--set", "operator.deployment=queue-operater");

        BadInput.AssertOneError(run, "environments/dev.yaml:6:3: error: stacks.operator: Patch<V1Deployment>(\"queue-operater\") matches no object: manifest queue-operator v0.4.1 renders no Deployment named 'queue-operater'; did you mean 'queue-operator'?");
    }

    [Fact]
    public void A_manifest_with_a_field_its_kind_does_not_have_is_refused_when_vendored_at_its_line()
    {
        var bad = Path.Combine(_repository.Root, "bad.yaml");
        File.WriteAllText(bad, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\nautomountToken: false\n");

        var run = Stackgen("vendor", "bad.yaml", "--version", "1.0.0");

        BadInput.AssertOneError(run, "bad.yaml:5:1: error: ServiceAccount/x: automountToken: unknown field 'automountToken'");
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "vendor")));
    }

    [Fact]
    public void A_manifest_needs_a_version()
    {
        var run = Stackgen("vendor", Fixture);

        BadInput.AssertOneError(run, "--version: error: expected the version of the manifest");
    }

    public void Dispose() => _repository.Dispose();
}
