using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Apply.Manifests;
using StackGen.Cli.Exporting;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Objects;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Exporting;

/// <summary>
/// What --for argocd and --for flux add, on a stack of hook Jobs, a plain Job, a kept object and custom resources whose
/// definition another stack ships (without referencing it).
/// </summary>
public sealed class ExportTests : IDisposable
{
    private const string Environment = ScratchRepository.DevTarget + """
        stacks:
          gadgets:
            widgets: 0
          hooked:
            widgets: 2

        """;

    private static readonly StackCatalog Catalog = new(FixtureOrganisation.System, [new Gadgets(), new HookedJobs()]);

    private readonly ScratchRepository _repository = new ScratchRepository().With("dev.yaml", Environment);

    public void Dispose() => _repository.Dispose();

    private RenderResult Render() => new TestOrganisation(_repository.Root, Catalog).Render("dev");

    private Dictionary<string, JsonObject> Argo()
    {
        var result = Render();
        return Exporter.Tree(result, ExportTarget.ArgoCd, null).Files.ToDictionary(f => f.Path, f => Assert.Single(ManifestReader.Read(f.Content)));
    }

    private Dictionary<string, string> Flux() =>
        Exporter.Tree(Render(), ExportTarget.Flux, FluxSource.Parse(null, null, "rendered")).Files.ToDictionary(f => f.Path, f => f.Content);

    private static string? Annotation(JsonObject item, string key) => Annotations.Get(item, key);

    [Fact]
    public void Helm_pre_hooks_become_PreSync_hooks_recreated_before_each_sync()
    {
        var migrate = Argo()["hooked/job-migrate.yaml"];

        Assert.Equal("PreSync", Annotation(migrate, ArgoCdExport.Hook));
        Assert.Equal("BeforeHookCreation", Annotation(migrate, ArgoCdExport.HookDeletePolicy));
        Assert.Equal("pre-install,pre-upgrade", Annotation(migrate, "helm.sh/hook"));
        Assert.Null(Annotation(migrate, ArgoCdExport.SyncOptions));
    }

    [Fact]
    public void Helm_post_hooks_become_PostSync_hooks_keeping_their_delete_policy_and_hooks_Argo_CD_has_no_phase_for_stay_helm_hooks()
    {
        var argo = Argo();

        Assert.Equal(("PostSync", "HookSucceeded"), (Annotation(argo["hooked/job-notify.yaml"], ArgoCdExport.Hook), Annotation(argo["hooked/job-notify.yaml"], ArgoCdExport.HookDeletePolicy)));
        Assert.Null(Annotation(argo["hooked/job-smoke.yaml"], ArgoCdExport.Hook));
    }

    [Fact]
    public void A_Job_that_is_no_hook_is_replaced_when_it_changes_under_both_engines()
    {
        Assert.Equal("Force=true,Replace=true", Annotation(Argo()["hooked/job-seed.yaml"], ArgoCdExport.SyncOptions));
        Assert.Null(Annotation(Argo()["hooked/job-seed.yaml"], ArgoCdExport.Hook));
        Assert.Equal("enabled", Annotation(Assert.Single(ManifestReader.Read(Flux()["hooked/job-seed.yaml"])), FluxExport.Force));
    }

    [Fact]
    public void What_apply_never_prunes_is_protected_from_pruning_keeping_the_stacks_own_sync_options()
    {
        var argo = Argo();
        var flux = Flux();

        Assert.Equal("ServerSideApply=true,Prune=false,Delete=false", Annotation(argo["hooked/configmap-kept.yaml"], ArgoCdExport.SyncOptions));
        Assert.Equal("Prune=false,Delete=false", Annotation(argo["gadgets/customresourcedefinition-widgets.example.com.yaml"], ArgoCdExport.SyncOptions));
        Assert.Equal("disabled", Annotation(Assert.Single(ManifestReader.Read(flux["hooked/configmap-kept.yaml"])), FluxExport.Prune));
        Assert.Equal("disabled", Annotation(Assert.Single(ManifestReader.Read(flux["gadgets/customresourcedefinition-widgets.example.com.yaml"])), FluxExport.Prune));
        Assert.Null(Annotation(Assert.Single(ManifestReader.Read(flux["hooked/job-seed.yaml"])), FluxExport.Prune));
    }

    [Fact]
    public void Definitions_come_a_wave_before_every_stack_and_their_resources_stacks_after_the_defining_stack()
    {
        var argo = Argo();

        Assert.Equal("-1", Annotation(argo["gadgets/customresourcedefinition-widgets.example.com.yaml"], ArgoCdExport.SyncWave));
        Assert.Equal("1", Annotation(argo["hooked/widget-widget-1.yaml"], ArgoCdExport.SyncWave));
        Assert.Equal("1", Annotation(argo["hooked/job-migrate.yaml"], ArgoCdExport.SyncWave));
        Assert.Equal(["gadgets-dev"], DependsOn(Flux(), "hooked-dev-before-workloads"));
    }

    [Fact]
    public void Flux_runs_a_stacks_hooks_in_Kustomizations_of_their_own_ordered_as_apply_runs_them()
    {
        var flux = Flux();

        Assert.Equal(["gadgets-dev"], DependsOn(flux, "hooked-dev-before-workloads"));
        Assert.Equal(["hooked-dev-before-workloads"], DependsOn(flux, "hooked-dev"));
        Assert.Equal(["hooked-dev"], DependsOn(flux, "hooked-dev-after-workloads"));
        Assert.Equal("./rendered/dev/hooked/before-workloads", (string?)Assert.Single(ManifestReader.Read(flux["flux/kustomization-hooked-dev-before-workloads.yaml"]))["spec"]!["path"]);
        Assert.Contains("- job-migrate.yaml\n", flux["hooked/before-workloads/kustomization.yaml"], StringComparison.Ordinal);
        Assert.Contains("- job-notify.yaml\n", flux["hooked/after-workloads/kustomization.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("job-migrate", flux["hooked/kustomization.yaml"], StringComparison.Ordinal);
        Assert.Contains("- hooked/before-workloads\n", flux["kustomization.yaml"], StringComparison.Ordinal);

        // A test hook is never applied by stackgen apply (SG1020), so the export leaves it out too.
        Assert.DoesNotContain(flux.Keys, path => path.Contains("job-smoke", StringComparison.Ordinal));
    }

    private static IEnumerable<string?> DependsOn(Dictionary<string, string> flux, string kustomization) =>
        (Assert.Single(ManifestReader.Read(flux[$"flux/kustomization-{kustomization}.yaml"]))["spec"]!["dependsOn"] as JsonArray ?? []).Select(d => (string?)d!["name"]);

    [Fact]
    public void Without_definitions_used_across_stacks_a_stack_needs_none()
    {
        _repository.With("dev.yaml", Environment.Replace("widgets: 2", "widgets: 0", StringComparison.Ordinal));

        var graph = new StackGraph(Render());

        Assert.Equal((0, 0), (graph.LevelOf("gadgets"), graph.LevelOf("hooked")));
        Assert.Empty(graph.ProvidersOf("hooked"));
    }

    [Fact]
    public void Stacks_that_need_each_others_definitions_are_bad_input_at_the_first_stack()
    {
        // gadgets' Widget definition is used by hooked's Widgets; a definition in hooked used by gadgets closes the cycle.
        var result = Render();
        var sprocket = new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = "sprockets.example.org" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.org",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "Sprocket", Plural = "sprockets" },
                Versions = [new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true }],
            },
        };
        var used = new UntypedObject("example.org/v1", "Sprocket", new V1ObjectMeta { Name = "s" });
        var cyclic = result with { Objects = [.. result.Objects, new RenderedObject("hooked", sprocket), new RenderedObject("gadgets", used)] };

        var error = Assert.Throws<InputException>(() => new StackGraph(cyclic));

        Assert.Matches(
            "^environments/dev.yaml:[0-9]+:3: error: stacks need each other's CustomResourceDefinitions or outputs in a cycle \\(gadgets -> hooked -> gadgets\\), so no GitOps engine can apply one before the other; move the definitions into a stack of their own$",
            Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Exports_leave_the_render_as_apply_sends_it()
    {
        var result = Render();
        var before = YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource));

        _ = Exporter.Tree(result, ExportTarget.ArgoCd, null);
        _ = Exporter.Tree(result, ExportTarget.Flux, FluxSource.Parse(null, null, "rendered"));

        Assert.Equal(before, YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource)));
    }

    [Theory]
    [InlineData(null, null, "rendered", "GitRepository", "flux-system", "./rendered")]
    [InlineData("OCIRepository/shop-manifests", ".", "out", "OCIRepository", "shop-manifests", ".")]
    [InlineData(null, "./deploy//rendered/", "/tmp/x", "GitRepository", "flux-system", "./deploy/rendered")]
    [InlineData(null, null, "./out/./gitops/", "GitRepository", "flux-system", "./out/gitops")]
    public void The_flux_source_is_a_kind_and_name_and_the_path_of_DIR_in_it(string? source, string? path, string output, string kind, string name, string expected)
    {
        Assert.Equal(new FluxSource(kind, name, expected), FluxSource.Parse(source, path, output));
    }

    [Theory]
    [InlineData("flux-system", null, "rendered", "--flux-source flux-system: error: expected KIND/NAME of a Flux source in namespace flux-system, KIND one of GitRepository, OCIRepository, Bucket and NAME a lower-case DNS name, such as GitRepository/flux-system")]
    [InlineData("HelmRepository/charts", null, "rendered", "--flux-source HelmRepository/charts: error: expected KIND/NAME of a Flux source in namespace flux-system, KIND one of GitRepository, OCIRepository, Bucket and NAME a lower-case DNS name, such as GitRepository/flux-system")]
    [InlineData(null, null, "/srv/rendered", "--output /srv/rendered: error: expected a relative --output, or --flux-path PATH: Flux's Kustomizations name DIR by its path in their source")]
    [InlineData(null, "../rendered", "rendered", "--flux-path ../rendered: error: expected a path inside the Flux source, without '..'; pass --flux-path with DIR's path relative to the source's root")]
    public void A_flux_source_that_cannot_be_is_bad_input_naming_the_flag(string? source, string? path, string output, string expected)
    {
        var error = Assert.Throws<InputException>(() => FluxSource.Parse(source, path, output));

        Assert.Equal(expected, Assert.Single(error.Errors).ToString());
    }
}
