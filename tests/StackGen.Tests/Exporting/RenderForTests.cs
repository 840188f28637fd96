using System.Diagnostics;
using System.Text.Json.Nodes;
using StackGen.Apply.Manifests;
using StackGen.Cli.Exporting;
using StackGen.Objects;
using StackGen.Tests.Support;

namespace StackGen.Tests.Exporting;

/// <summary>
/// `render --env production --output out/ --for argocd|flux` on the organisation's own stacks, as issue 15 asks: the
/// pghoard-data claim protected, web and workers after rabbitmq, a kustomize build that works, a Flux Kustomization
/// per stack whose dependsOn follows the references.
/// </summary>
public sealed class RenderForTests : IDisposable
{
    private readonly ScratchOrganisation _organisation = Renders.Shipped.Copy();

    public void Dispose() => _organisation.Dispose();

    private string Root => _organisation.Organisation.Root;

    private string PathOf(string relative) => Path.Combine(Root, relative);

    private CliRun Run(params string[] args) => _organisation.Organisation.Cli(args);

    /// <summary>Every object file of out/production (not the kustomization files nor flux/), parsed.</summary>
    private Dictionary<string, JsonObject> Objects(string environment = "production") =>
        Directory.EnumerateFiles(PathOf($"out/{environment}"), "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(PathOf($"out/{environment}"), file))
            .Where(file => Path.GetFileName(file) != FluxExport.KustomizationFile && !file.StartsWith(FluxExport.Directory + "/", StringComparison.Ordinal))
            .ToDictionary(file => file, file => Assert.Single(ManifestReader.Read(File.ReadAllText(PathOf($"out/{environment}/{file}")))));

    private static int Wave(JsonObject item) => int.Parse(Annotations.Get(item, ArgoCdExport.SyncWave)!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Argocd_protects_the_pghoard_claim_from_pruning_and_orders_web_and_workers_after_rabbitmq()
    {
        var run = Run("render", "--env", "production", "--output", "out", "--for", "argocd");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        var objects = Objects();
        Assert.Equal("Prune=false,Delete=false", Annotations.Get(objects["pghoard/persistentvolumeclaim-pghoard-data.yaml"], ArgoCdExport.SyncOptions));
        var rabbitmq = objects.Where(o => o.Key.StartsWith("rabbitmq/", StringComparison.Ordinal)).Select(o => Wave(o.Value)).ToList();
        var after = objects.Where(o => o.Key.StartsWith("web/", StringComparison.Ordinal) || o.Key.StartsWith("workers/", StringComparison.Ordinal)).Select(o => Wave(o.Value)).ToList();
        Assert.NotEmpty(rabbitmq);
        Assert.NotEmpty(after);
        Assert.True(after.Min() > rabbitmq.Max(), $"web/workers waves {string.Join(",", after)} must all exceed rabbitmq's {string.Join(",", rabbitmq)}");
        Assert.All(objects.Values.Where(o => (string?)o["kind"] == "PersistentVolumeClaim"), claim => Assert.Contains("Prune=false", Annotations.Get(claim, ArgoCdExport.SyncOptions), StringComparison.Ordinal));
    }

    [Fact]
    public void Argocd_on_stdout_prints_the_files_objects_in_render_order()
    {
        Assert.Equal(0, Run("render", "--env", "production", "--output", "out", "--for", "argocd").ExitCode);

        var run = Run("render", "--env", "production", "--for", "argocd");

        Assert.Equal(0, run.ExitCode);
        var printed = ManifestReader.Read(run.Out);
        Assert.Equal(Objects().Count, printed.Count);
        Assert.All(printed, item => Assert.NotNull(Annotations.Get(item, ArgoCdExport.SyncWave)));
    }

    [Fact]
    public void Flux_writes_a_tree_kustomize_builds_with_a_kustomization_per_stack_depending_on_its_references()
    {
        var run = Run("render", "--env", "production", "--output", "out", "--for", "flux");

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Equal("wrote 25 objects and 12 files for flux to out/production", Assert.Single(run.ErrorLines));
        Assert.Equal("disabled", Annotations.Get(Objects()["pghoard/persistentvolumeclaim-pghoard-data.yaml"], FluxExport.Prune));
        var result = _organisation.Organisation.Render("production");
        var kustomizations = Directory.EnumerateFiles(PathOf("out/production/flux"), "kustomization-*.yaml")
            .Select(file => Assert.Single(ManifestReader.Read(File.ReadAllText(file))))
            .ToDictionary(k => (string)k["metadata"]!["name"]!);
        // The web migration runs before web's workloads: in a Kustomization of its own that web's waits for.
        Assert.Equal(result.StackOrder.Select(s => $"{s}-production").Append("web-production-before-workloads").Order(StringComparer.Ordinal), kustomizations.Keys.Order(StringComparer.Ordinal));
        foreach (var stack in result.StackOrder)
        {
            var first = kustomizations.GetValueOrDefault($"{stack}-production-before-workloads") ?? kustomizations[$"{stack}-production"];
            Assert.Equal(result.Dependencies.Where(d => d.Consumer == stack).Select(d => $"{d.Provider}-production").Distinct().Order(StringComparer.Ordinal), DependsOn(first));
            var spec = kustomizations[$"{stack}-production"]["spec"]!;
            Assert.Equal($"./out/production/{stack}", (string?)spec["path"]);
            Assert.Equal(("GitRepository", "flux-system"), ((string?)spec["sourceRef"]!["kind"], (string?)spec["sourceRef"]!["name"]));
        }

        Assert.Contains("rabbitmq-production", DependsOn(kustomizations["web-production-before-workloads"]));
        Assert.Equal(["web-production-before-workloads"], DependsOn(kustomizations["web-production"]));
        Assert.True(File.Exists(PathOf("out/production/web/before-workloads/job-web-migrate-a150c1d6f4.yaml")));
        AssertKustomizeBuilds("out/production", expectedObjects: result.Objects.Count);
        AssertKustomizeBuilds("out/production/flux", expectedObjects: kustomizations.Count);
    }

    public static TheoryData<string> Environments() => [.. Renders.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environment_exported_for_flux_builds_with_kustomize(string environment)
    {
        Assert.Equal(0, Run("render", "--env", environment, "--output", "out", "--for", "flux").ExitCode);

        AssertKustomizeBuilds($"out/{environment}", expectedObjects: _organisation.Organisation.Render(environment).Objects.Count);
        var render = _organisation.Organisation.Render(environment);
        var hookPhases = render.Objects.Select(o => (o.Stack, Hook.Of(o.Resource.Metadata.Annotations)?.Phase)).Where(p => p.Phase is not null).Distinct().Count();
        AssertKustomizeBuilds($"out/{environment}/flux", expectedObjects: render.StackOrder.Count + hookPhases);
    }

    [Fact]
    public void Flux_replaces_its_own_tree_and_a_stack_dropped_from_the_environment_leaves_it_entirely()
    {
        Assert.Equal(0, Run("render", "--env", "production", "--output", "out", "--for", "flux").ExitCode);
        foreach (var file in new[] { "production.yaml", "production/platform.yaml" })
        {
            _organisation.With(file, WithoutStack(File.ReadAllText(_organisation.PathOf(file)), "pghoard"));
        }

        var run = Run("render", "--env", "production", "--output", "out", "--for", "flux");

        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(PathOf("out/production/pghoard")));
        Assert.False(File.Exists(PathOf("out/production/flux/kustomization-pghoard-production.yaml")));
        Assert.DoesNotContain("pghoard", File.ReadAllText(PathOf("out/production/kustomization.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("pghoard", File.ReadAllText(PathOf("out/production/flux/kustomization.yaml")), StringComparison.Ordinal);
        AssertKustomizeBuilds("out/production", expectedObjects: 22);
    }

    [Fact]
    public void Check_compares_an_export_and_says_when_it_was_written_for_another()
    {
        Assert.Equal(0, Run("render", "--all-envs", "--output", "out", "--for", "flux", "--flux-path", ".").ExitCode);

        Assert.Equal(0, Run("render", "--all-envs", "--output", "out", "--for", "flux", "--flux-path", ".", "--check").ExitCode);
        var drifted = Run("render", "--env", "production", "--output", "out", "--for", "flux", "--flux-path", ".", "--check", "--set", "rabbitmq.replicas=5");
        Assert.Equal(1, drifted.ExitCode);
        Assert.Contains("+++ out/production/rabbitmq/statefulset-rabbitmq.yaml\n", drifted.Out, StringComparison.Ordinal);
        var moved = Run("render", "--env", "production", "--output", "out", "--for", "flux", "--check");
        Assert.Equal(1, moved.ExitCode);
        Assert.Contains("+  path: ./out/production/web\n", moved.Out, StringComparison.Ordinal);
        var plain = Run("render", "--env", "production", "--output", "out", "--check");
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("--- out/production/kustomization.yaml\n+++ /dev/null\n", plain.Out, StringComparison.Ordinal);
        Assert.Contains("-# written by stackgen render --for flux: the files below;", plain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_render_of_one_stack_does_not_mix_into_an_export()
    {
        Assert.Equal(0, Run("render", "--env", "production", "--output", "out", "--for", "argocd").ExitCode);

        var run = Run("render", "--env", "production", "--output", "out", "--stack", "web");

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Equal("--output out: error: out/production holds a render --for argocd, and --stack would keep the other stacks' files of it; render every stack (drop --stack) to replace it", Assert.Single(run.ErrorLines));
        Assert.Equal(0, Run("render", "--env", "production", "--output", "out").ExitCode);
        Assert.Null(Annotations.Get(Objects()["web/deployment-web.yaml"], ArgoCdExport.SyncWave));
    }

    [Theory]
    [InlineData("--for argocdd: error: expected plain, argocd or flux; did you mean 'argocd'?", "--for", "argocdd")]
    [InlineData("--for flux: error: expected --output DIR with --for flux: it writes kustomization.yaml files and Flux Kustomizations beside the manifests", "--for", "flux")]
    [InlineData("--for argocd --stack web: error: expected every stack with --for argocd: its order spans the environment's stacks; drop --stack", "--for", "argocd", "--stack", "web", "--output", "out")]
    [InlineData("--flux-source OCIRepository/x: error: expected --for flux with --flux-source: it says where Flux reads the rendered tree", "--flux-source", "OCIRepository/x", "--output", "out")]
    [InlineData("--flux-path .: error: expected --for flux with --flux-path: it says where Flux reads the rendered tree", "--for", "argocd", "--flux-path", ".", "--output", "out")]
    public void Export_flags_that_cannot_be_are_bad_input_naming_them(string expected, params string[] args)
    {
        var run = Run(["render", "--env", "production", .. args]);

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(PathOf("out")));
    }

    [Fact]
    public void Plain_is_the_default_and_prints_the_render_unchanged()
    {
        Assert.Equal(Run("render", "--env", "production").Out, Run("render", "--env", "production", "--for", "plain").Out);
    }

    [Fact]
    public void Help_documents_for_and_its_choices()
    {
        var help = Run("render", "--help").Out;

        Assert.Contains("--for", help, StringComparison.Ordinal);
        Assert.Contains("plain, argocd or flux", help, StringComparison.Ordinal);
        Assert.Contains("--flux-source", help, StringComparison.Ordinal);
        Assert.Contains("--flux-path", help, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every kustomization.yaml under <paramref name="relative"/> lists exactly the YAML files and directories beside it
    /// (what kustomize needs, checked without it); then, where kubectl is installed (here and in CI), `kubectl kustomize`
    /// exits 0 and builds the expected number of objects.
    /// </summary>
    private void AssertKustomizeBuilds(string relative, int expectedObjects)
    {
        var directory = PathOf(relative);
        var kustomization = Assert.Single(ManifestReader.Read(File.ReadAllText(Path.Combine(directory, FluxExport.KustomizationFile))));
        var listed = kustomization["resources"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.All(listed, resource => Assert.True(Path.Exists(Path.Combine(directory, resource)), $"{relative}/{resource} is listed but missing"));
        Assert.All(listed.Where(r => Directory.Exists(Path.Combine(directory, r))), sub => AssertKustomizeBuilds($"{relative}/{sub}", -1));
        var beside = Directory.EnumerateFiles(directory, "*.yaml").Select(Path.GetFileName).Where(f => f != FluxExport.KustomizationFile);
        Assert.All(beside, file => Assert.Contains(file, listed));
        if (expectedObjects < 0 || Kubectl() is not { } kubectl)
        {
            return;
        }

        var start = new ProcessStartInfo(kubectl, ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {relative} exited {process.ExitCode}: {error}");
        Assert.Equal(expectedObjects, ManifestReader.Read(output.Result).Count);
    }

    /// <summary>An environment file's text without the stack's entry under stacks: (its line and the lines indented under it).</summary>
    private static string WithoutStack(string yaml, string stack)
    {
        var lines = yaml.Split('\n').ToList();
        var start = lines.IndexOf($"  {stack}:");
        if (start < 0)
        {
            return yaml;
        }

        var end = start + 1;
        while (end < lines.Count && (lines[end].StartsWith("    ", StringComparison.Ordinal) || lines[end].Trim().StartsWith('#')))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }

    private static IEnumerable<string?> DependsOn(JsonObject kustomization) =>
        (kustomization["spec"]!["dependsOn"] as JsonArray ?? []).Select(d => (string?)d!["name"]).Order(StringComparer.Ordinal);

    private static string? Kubectl() =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
}
