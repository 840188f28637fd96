using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Objects;
using StackGen.Validation;
using StackGen.Validation.Schemas;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>SG1013 and SG1014 over a fixture render with custom resources added: where a definition comes from, and which objects are custom.</summary>
public sealed class CustomResourceRuleTests
{
    private static UntypedObject Widget(string apiVersion, string size)
    {
        var widget = new UntypedObject(apiVersion, "Widget", new V1ObjectMeta { Name = "gadget" });
        widget.Fields["spec"] = new JsonObject { ["size"] = size };
        return widget;
    }

    /// <summary>The CRD of example.com's Widget as a stack would render it: spec.size is small or large; v1beta1 no longer served.</summary>
    private static V1CustomResourceDefinition WidgetDefinition() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "example.com",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = "Widget", Plural = "widgets" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = false, Storage = false },
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Required = ["size"],
                                    Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "string", EnumProperty = ["small", "large"] } },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };

    private static string[] Findings(LintReport report) =>
        [.. report.Active.Where(f => f.Rule.Id is "SG1013" or "SG1014").Select(f => $"{f.Rule.Id} {f.ObjectId} {f.Message}")];

    [Fact]
    public void A_crd_a_stack_renders_is_the_schema_its_resources_are_checked_against()
    {
        var report = LintRun.Of("dev", r => r.With("broker", WidgetDefinition()).With("broker", Widget("example.com/v1", "huge")));

        Assert.Equal(["SG1013 Widget/gadget spec.size: the string \"huge\" is not one of the allowed values: \"small\", \"large\""], Findings(report));
        Assert.Empty(Findings(LintRun.Of("dev", r => r.With("broker", WidgetDefinition()).With("broker", Widget("example.com/v1", "small")))));
    }

    [Fact]
    public void A_version_the_rendered_crd_does_not_serve_is_a_finding()
    {
        var report = LintRun.Of("dev", r => r.With("broker", WidgetDefinition()).With("broker", Widget("example.com/v1beta1", "small")));

        Assert.Equal(["SG1014 Widget/gadget example.com/v1beta1 is not served by its CustomResourceDefinition (CustomResourceDefinition/widgets.example.com); use example.com/v1"], Findings(report));
    }

    [Fact]
    public void A_custom_resource_without_any_definition_is_a_finding_and_its_fields_go_unchecked()
    {
        var report = LintRun.Of("dev", r => r.With("broker", Widget("example.com/v1", "huge")));

        Assert.Equal(["SG1014 Widget/gadget no CustomResourceDefinition for kind Widget in API group example.com: not in crds/, not rendered by a stack, not in lint.externalKinds"], Findings(report));
    }

    [Fact]
    public void A_version_the_repository_crd_stopped_serving_names_the_one_to_use()
    {
        var policy = new UntypedObject("gateway.networking.k8s.io/v1alpha3", "BackendTLSPolicy", new V1ObjectMeta { Name = "web-tls" });

        var report = LintRun.Of("dev", r => r.With("broker", policy));

        Assert.Equal(["SG1014 BackendTLSPolicy/web-tls gateway.networking.k8s.io/v1alpha3 is not served by its CustomResourceDefinition (crds/gateway.networking.k8s.io/v1.6.1/gateway.networking.k8s.io_backendtlspolicies.yaml); use gateway.networking.k8s.io/v1"], Findings(report));
    }

    [Fact]
    public void Built_in_kinds_are_not_custom_resources_even_untyped()
    {
        var deployment = new UntypedObject("apps/v1", "Deployment", new V1ObjectMeta { Name = "untyped" });
        deployment.Fields["spek"] = new JsonObject();

        var result = FixtureOrganisationRender().With("broker", deployment);

        Assert.Empty(new LintContext(result, []).CustomResources);
    }

    [Fact]
    public void Gateway_api_is_a_custom_group_despite_its_k8s_io_suffix()
    {
        Assert.False(KubernetesGroups.IsBuiltIn("gateway.networking.k8s.io"));
        Assert.True(KubernetesGroups.IsBuiltIn("networking.k8s.io"));
    }

    /// <summary>Every group the Kubernetes OpenAPI specs (1.29-1.36) define kinds in is on the built-in list.</summary>
    [Fact]
    public void The_built_in_groups_cover_every_group_of_the_kubernetes_specs()
    {
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var spec in Directory.GetFiles(Support.Repository.OpenApiSpecsDirectory, "kubernetes-*.swagger.json.gz"))
        {
            using var file = File.OpenRead(spec);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var document = JsonDocument.Parse(gzip);
            foreach (var definition in document.RootElement.GetProperty("definitions").EnumerateObject())
            {
                if (definition.Value.TryGetProperty("x-kubernetes-group-version-kind", out var kinds))
                {
                    groups.UnionWith(kinds.EnumerateArray().Select(k => k.GetProperty("group").GetString()!));
                }
            }
        }

        Assert.Contains("apps", groups);
        Assert.DoesNotContain(groups, g => !KubernetesGroups.IsBuiltIn(g));
    }

    private static StackGen.Rendering.RenderResult FixtureOrganisationRender() => Fixtures.FixtureOrganisation.Organisation.Render("dev");
}
