using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static StackGen.Tests.FakeKube.FakeKubeApiServerTests;

namespace StackGen.Tests.FakeKube;

public sealed class ServerSideApplyTests
{
    private const string Manager = "stackgen";

    [Fact]
    public async Task Given_no_object_When_it_is_applied_Then_it_is_created_and_owned_by_the_applier_in_fieldsV1_format()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var response = await ApplyAsync(client, Deployment("web", replicas: 2));

        var created = response.Body;
        Assert.Equal(System.Net.HttpStatusCode.Created, response.Response.StatusCode);
        Assert.Equal((1L, 2), (created.Metadata.Generation, created.Spec.Replicas));
        var entry = Assert.Single(server.Get("apps/v1", "Deployment", "default", "web")!["metadata"]!["managedFields"]!.AsArray());
        Assert.Equal((Manager, "Apply", "apps/v1", "FieldsV1"), ((string?)entry!["manager"], (string?)entry["operation"], (string?)entry["apiVersion"], (string?)entry["fieldsType"]));
        var container = Assert.Single(entry["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!.AsObject());
        Assert.Equal("""k:{"name":"web"}""", container.Key);
        Assert.Equal([".", "f:image", "f:name"], container.Value!.AsObject().Select(field => field.Key));
        Assert.Equal("{}", entry["fieldsV1"]!["f:spec"]!["f:replicas"]!.ToJsonString());
    }

    [Fact]
    public async Task Given_an_applied_object_When_the_same_configuration_is_applied_again_Then_nothing_is_written()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var first = (await ApplyAsync(client, Deployment("web", replicas: 2))).Body;

        var again = await ApplyAsync(client, Deployment("web", replicas: 2));

        Assert.Equal(System.Net.HttpStatusCode.OK, again.Response.StatusCode);
        Assert.Equal(first.Metadata.ResourceVersion, again.Body.Metadata.ResourceVersion);
        Assert.Equal(first.Metadata.Generation, again.Body.Metadata.Generation);
        Assert.Equal(1, server.WriteCount);
    }

    [Fact]
    public async Task Given_a_changed_spec_or_label_When_applied_Then_resourceVersion_moves_and_only_the_spec_bumps_generation()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var first = (await ApplyAsync(client, Deployment("web", replicas: 2))).Body;
        var labelled = Deployment("web", replicas: 2);
        labelled.Metadata.Labels["team"] = "shop";

        var relabelled = (await ApplyAsync(client, labelled)).Body;
        var scaled = (await ApplyAsync(client, Deployment("web", replicas: 5))).Body;

        Assert.NotEqual(first.Metadata.ResourceVersion, relabelled.Metadata.ResourceVersion);
        Assert.Equal([1L, 1L, 2L], new[] { first, relabelled, scaled }.Select(d => d.Metadata.Generation ?? 0));
        Assert.False(scaled.Metadata.Labels.ContainsKey("team"));
    }

    [Fact]
    public async Task Given_a_field_another_manager_set_When_applied_with_a_different_value_Then_409_names_the_manager_and_the_field()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await ApplyAsync(client, Deployment("web", replicas: 2));
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "kubectl-edit");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, Deployment("web", replicas: 3, image: "web:2")));

        var status = error.Status();
        Assert.Equal((409, "Conflict"), (status.Code, status.Reason));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas", status.Message);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("FieldManagerConflict", ".spec.replicas", "conflict with \"kubectl-edit\" using apps/v1"), (cause.Reason, cause.Field, cause.Message));
        Assert.Equal(("web:1", 5), (server.Get<V1Deployment>("default", "web")!.Spec.Template.Spec.Containers[0].Image, server.Get<V1Deployment>("default", "web")!.Spec.Replicas));
    }

    [Fact]
    public async Task Given_fields_of_several_seeded_managers_When_applied_Then_every_conflict_is_listed_by_manager()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Seed(ToJson(Deployment("web", replicas: 5, image: "web:hotfix")), fieldManager: "kubectl-edit");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, Deployment("web", replicas: 3, image: "web:2")));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image",
            error.Status().Message);
    }

    [Fact]
    public async Task Given_the_same_value_owned_by_another_manager_When_applied_Then_there_is_no_conflict_and_ownership_is_shared()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Seed(ToJson(Deployment("web", replicas: 2)), fieldManager: "helm");

        await ApplyAsync(client, Deployment("web", replicas: 2));

        var managers = server.Get("apps/v1", "Deployment", "default", "web")!["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(["stackgen", "helm"], managers.Select(m => (string?)m!["manager"]));
        Assert.All(managers, m => Assert.NotNull(m!["fieldsV1"]!["f:spec"]!["f:replicas"]));
    }

    [Fact]
    public async Task Given_a_conflict_When_applied_with_force_Then_the_value_is_set_and_ownership_moves_to_the_applier()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Seed(ToJson(Deployment("web", replicas: 5)), fieldManager: "kubectl-edit");

        var forced = (await ApplyAsync(client, Deployment("web", replicas: 3), force: true)).Body;
        var later = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "kubectl-edit");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, Deployment("web", replicas: 3)));

        Assert.Equal(3, forced.Spec.Replicas);
        var edit = server.Get("apps/v1", "Deployment", "default", "web")!["metadata"]!["managedFields"]!.AsArray().Single(m => (string?)m!["manager"] == "kubectl-edit");
        Assert.NotNull(edit!["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.Equal(4, later.Spec.Replicas);
        Assert.Contains(".spec.replicas", error.Status().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_fields_applied_before_When_omitted_now_Then_unshared_ones_are_removed_and_shared_ones_stay()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var before = Deployment("web", replicas: 2);
        before.Metadata.Labels["team"] = "shop";
        before.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "applied" };
        before.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Name = "LOG_LEVEL", Value = "debug" }, new V1EnvVar { Name = "MODE", Value = "web" }];
        before.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await ApplyAsync(client, before);
        await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"team":"shop"}}}""", V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "other-tool");
        var after = Deployment("web", replicas: 2);
        after.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Name = "MODE", Value = "web" }];

        var result = (await ApplyAsync(client, after)).Body;

        Assert.Equal("shop", result.Metadata.Labels["team"]);
        Assert.Null(result.Metadata.Annotations);
        Assert.Equal(["web"], result.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal(["MODE"], result.Spec.Template.Spec.Containers[0].Env.Select(e => e.Name));
    }

    [Fact]
    public async Task Given_dry_run_When_applied_Then_the_result_comes_back_and_nothing_is_stored()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var existing = (await ApplyAsync(client, Deployment("web", replicas: 2))).Body;

        var created = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(Json(Deployment("api", replicas: 1)), V1Patch.PatchType.ApplyPatch), "api", "default", dryRun: "All", fieldManager: Manager);
        var changed = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(Json(Deployment("web", replicas: 7)), V1Patch.PatchType.ApplyPatch), "web", "default", dryRun: "All", fieldManager: Manager);

        Assert.Equal("api", created.Metadata.Name);
        Assert.Equal((7, 2L), (changed.Spec.Replicas, changed.Metadata.Generation ?? 0));
        Assert.Null(server.Get("apps/v1", "Deployment", "default", "api"));
        Assert.Equal(2, server.Get<V1Deployment>("default", "web")!.Spec.Replicas);
        Assert.Equal(existing.Metadata.ResourceVersion, server.Get<V1Deployment>("default", "web")!.Metadata.ResourceVersion);
        Assert.Equal(1, server.WriteCount);
    }

    [Fact]
    public async Task Given_an_apply_without_fieldManager_When_sent_Then_422_as_the_API_server_validates_PatchOptions()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Json(Deployment("web", replicas: 1)), V1Patch.PatchType.ApplyPatch), "web", "default"));

        Assert.Equal((422, "Invalid"), (error.Status().Code, error.Status().Reason));
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", error.Status().Message);
    }

    [Fact]
    public async Task Given_an_unknown_field_When_applied_Then_400_names_it_as_not_declared_in_the_schema()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var body = ToJson(Deployment("web", replicas: 1));
        body["spec"]!["replica"] = 3;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: Manager));

        Assert.Equal((400, "failed to create typed patch object (apps/v1, Kind=Deployment): .spec.replica: field not declared in schema"), (error.Status().Code, error.Status().Message));
    }

    [Fact]
    public async Task Given_a_YAML_apply_body_When_sent_over_plain_HTTP_Then_it_is_applied_like_JSON()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        const string Yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              replicas: "3"
              enabled: "true"
            """;

        using var content = new StringContent(Yaml, Encoding.UTF8, "application/apply-patch+yaml");
        using var response = await http.PatchAsync("api/v1/namespaces/default/configmaps/settings?fieldManager=stackgen", content);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"replicas":"3","enabled":"true"}""", server.Get("v1", "ConfigMap", "default", "settings")!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Given_an_apply_When_it_goes_over_the_wire_Then_the_request_carries_the_apply_content_type_and_manager_and_force_only_when_asked()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        await ApplyAsync(client, Deployment("web", replicas: 1));
        await ApplyAsync(client, Deployment("web", replicas: 2), force: true);

        var patches = server.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.All(patches, r => Assert.Equal(("application/apply-patch+yaml", "stackgen", "/apis/apps/v1/namespaces/default/deployments/web"), (r.MediaType, r.QueryValue("fieldManager"), r.Path)));
        Assert.Equal([null, "true"], patches.Select(r => r.QueryValue("force")));
        Assert.Equal(2L, (long?)JsonNode.Parse(patches[1].Body)!["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Given_an_applied_statefulset_When_its_volume_claim_templates_change_Then_422_forbids_it()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var statefulSet = StatefulSet("rabbitmq", ("app", "rabbitmq"));
        await client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(Json(statefulSet), V1Patch.PatchType.ApplyPatch), "rabbitmq", "default", fieldManager: Manager);
        statefulSet.Spec.ServiceName = "rabbitmq-peers";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(Json(statefulSet), V1Patch.PatchType.ApplyPatch), "rabbitmq", "default", fieldManager: Manager));

        Assert.Equal((422, "Invalid"), (error.Status().Code, error.Status().Reason));
        Assert.StartsWith("StatefulSet.apps \"rabbitmq\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas'", error.Status().Message, StringComparison.Ordinal);
    }

    private static Task<HttpOperationResponse<V1Deployment>> ApplyAsync(Kubernetes client, V1Deployment deployment, bool force = false) =>
        client.AppsV1.PatchNamespacedDeploymentWithHttpMessagesAsync(
            new V1Patch(Json(deployment), V1Patch.PatchType.ApplyPatch),
            deployment.Metadata.Name,
            "default",
            fieldManager: Manager,
            force: force ? true : null);

    private static string Json<T>(T obj) => KubernetesJson.Serialize(obj);

    private static JsonObject ToJson<T>(T obj) => JsonNode.Parse(Json(obj))!.AsObject();
}
