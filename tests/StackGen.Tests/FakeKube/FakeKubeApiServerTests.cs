using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace StackGen.Tests.FakeKube;

public sealed class FakeKubeApiServerTests
{
    [Fact]
    public async Task Given_a_written_kubeconfig_When_a_client_reads_discovery_Then_every_served_kind_is_listed_with_its_verbs()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("fake-kube-").FullName;
        try
        {
            var path = server.WriteKubeconfig(directory, context: "staging", defaultNamespace: "shop");
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);

            var core = await client.CoreV1.GetAPIResourcesAsync();
            var apps = await client.AppsV1.GetAPIResourcesAsync();
            var groups = await client.Apis.GetAPIVersionsAsync();
            var version = await client.Version.GetCodeAsync();

            Assert.Equal(("staging", "shop"), (config.CurrentContext, config.Namespace));
            Assert.Equal(["namespaces", "configmaps", "secrets", "services", "serviceaccounts", "persistentvolumeclaims", "pods", "events"], core.Resources.Where(r => !r.Name.Contains('/', StringComparison.Ordinal)).Select(r => r.Name));
            var statefulSets = apps.Resources.Single(r => r.Name == "statefulsets");
            Assert.Equal(("StatefulSet", true), (statefulSets.Kind, statefulSets.Namespaced));
            Assert.Contains("patch", statefulSets.Verbs);
            Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
            Assert.False(core.Resources.Single(r => r.Name == "namespaces").Namespaced);
            Assert.Equal(
                ["apps/v1", "batch/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "coordination.k8s.io/v1", "apiextensions.k8s.io/v1"],
                groups.Groups.Select(g => g.PreferredVersion.GroupVersion));
            Assert.Equal(("1", "34"), (version.Major, version.Minor));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Given_no_such_object_When_it_is_read_Then_the_client_gets_a_404_NotFound_status()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReadNamespacedStatefulSetAsync("rabbitmq", "default"));

        var status = error.Status();
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Equal(("Status", "v1", "Failure", "NotFound", 404), (status.Kind, status.ApiVersion, status.Status, status.Reason, status.Code));
        Assert.Equal("statefulsets.apps \"rabbitmq\" not found", status.Message);
        Assert.Equal(("rabbitmq", "apps", "statefulsets"), (status.Details.Name, status.Details.Group, status.Details.Kind));
    }

    [Fact]
    public async Task Given_labelled_objects_in_two_namespaces_When_listed_with_selectors_Then_only_matching_ones_come_back()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.SeedNamespace("shop");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("rabbitmq", ("app", "rabbitmq"), ("tier", "broker")), "default");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("postgres", ("app", "postgres"), ("tier", "db")), "default");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("redis", ("app", "redis")), "shop");

        async Task<string[]> Names(string selector) =>
            [.. (await client.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: selector)).Items.Select(s => s.Metadata.Name)];

        var all = await client.AppsV1.ListStatefulSetForAllNamespacesAsync();
        var shop = await client.AppsV1.ListNamespacedStatefulSetAsync("shop");
        Assert.Equal(["postgres", "rabbitmq", "redis"], all.Items.Select(s => s.Metadata.Name));
        Assert.Equal("StatefulSetList", all.Kind);
        Assert.False(string.IsNullOrEmpty(all.Metadata.ResourceVersion));
        Assert.Equal(["redis"], shop.Items.Select(s => s.Metadata.Name));
        Assert.Equal(["rabbitmq"], await Names("app=rabbitmq"));
        Assert.Equal(["rabbitmq"], await Names("app==rabbitmq"));
        Assert.Equal(["postgres", "redis"], await Names("app!=rabbitmq"));
        Assert.Equal(["postgres", "redis"], await Names("app in (redis, postgres)"));
        Assert.Equal(["redis"], await Names("tier notin (db,broker)"));
        Assert.Equal(["postgres", "rabbitmq"], await Names("tier"));
        Assert.Equal(["redis"], await Names("!tier"));
        Assert.Equal(["postgres"], await Names("tier,app!=rabbitmq"));
    }

    [Fact]
    public async Task Given_more_objects_than_the_limit_When_listed_in_pages_Then_continue_tokens_walk_them_all_once()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), "default");
        }

        var first = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2);
        var second = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var last = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: second.Metadata.ContinueProperty);

        Assert.Equal(["a", "b", "c", "d", "e"], new[] { first, second, last }.SelectMany(page => page.Items).Select(item => item.Metadata.Name));
        Assert.Equal(3, first.Metadata.RemainingItemCount);
        Assert.Null(last.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Given_labelled_objects_When_a_collection_is_deleted_by_selector_Then_only_matching_ones_go()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("rabbitmq", ("part-of", "stackgen")), "default");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("postgres", ("part-of", "other")), "default");

        await client.AppsV1.DeleteCollectionNamespacedStatefulSetAsync("default", labelSelector: "part-of=stackgen");

        Assert.Equal(["postgres"], (await client.AppsV1.ListNamespacedStatefulSetAsync("default")).Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task Given_an_existing_object_When_it_is_created_again_Then_409_AlreadyExists()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), "default"));

        Assert.Equal((409, "AlreadyExists", "configmaps \"settings\" already exists"), (error.Status().Code, error.Status().Reason, error.Status().Message));
    }

    [Fact]
    public async Task Given_a_stale_resourceVersion_When_the_object_is_replaced_Then_409_Conflict_and_the_object_is_unchanged()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings", ("mode", "a")), "default");

        // KubernetesClient.Aot cannot serialise managedFields it has read (FieldsV1 holds a JsonElement its
        // source-generated context does not know); a request without them keeps the live ones.
        created.Metadata.ManagedFields = null;
        created.Data["mode"] = "b";
        var current = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", "default");
        created.Data["mode"] = "c";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", "default"));

        Assert.Equal((409, "Conflict"), (error.Status().Code, error.Status().Reason));
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"settings\": the object has been modified; please apply your changes to the latest version and try again",
            error.Status().Message);
        Assert.Equal("b", (await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default")).Data["mode"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, current.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Given_an_object_When_it_is_deleted_Then_a_success_status_comes_back_and_a_second_delete_is_404()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");

        var status = await client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", propagationPolicy: "Foreground");

        Assert.Equal(("Success", "web", "deployments"), (status.Status, status.Details.Name, status.Details.Kind));
        Assert.Null(server.Get("apps/v1", "Deployment", "default", "web"));
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default"));
        Assert.Equal(404, error.Status().Code);
    }

    [Fact]
    public async Task Given_an_object_with_a_finalizer_When_it_is_deleted_Then_it_stays_marked_until_the_finalizer_is_removed()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var claim = new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data", Finalizers = ["kubernetes.io/pvc-protection"] },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        };
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, "default");

        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data", "default");
        var marked = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");
        await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "data", "default");

        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Null(server.Get("v1", "PersistentVolumeClaim", "default", "data"));
    }

    [Fact]
    public async Task Given_a_namespace_that_does_not_exist_When_an_object_is_created_in_it_Then_404_names_the_namespace()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), "nowhere"));

        Assert.Equal((404, "namespaces \"nowhere\" not found"), (error.Status().Code, error.Status().Message));
    }

    [Fact]
    public async Task Given_an_invalid_name_When_an_object_is_created_Then_422_Invalid_explains_the_rule()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Settings"), "default"));

        Assert.Equal((422, "Invalid"), (error.Status().Code, error.Status().Reason));
        Assert.StartsWith("ConfigMap \"Settings\" is invalid: metadata.name: Invalid value: \"Settings\": a lowercase RFC 1123 subdomain", error.Status().Message, StringComparison.Ordinal);
        Assert.Equal("metadata.name", error.Status().Details.Causes.Single().Field);
    }

    [Fact]
    public async Task Given_an_unknown_field_When_created_Then_it_is_dropped_with_a_warning_or_refused_under_strict_validation()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        using var body = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"1"},"datta":{"b":"2"}}""", Encoding.UTF8, "application/json");

        using var strict = await http.PostAsync("api/v1/namespaces/default/configmaps?fieldValidation=Strict", body);
        using var lenient = await http.PostAsync("api/v1/namespaces/default/configmaps", body);

        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"datta\"",
            KubernetesJson.Deserialize<V1Status>(await strict.Content.ReadAsStringAsync()).Message);
        Assert.Equal(HttpStatusCode.Created, lenient.StatusCode);
        Assert.Equal("299 - \"unknown field \\\"datta\\\"\"", lenient.Headers.GetValues("Warning").Single());
        Assert.Null(server.Get("v1", "ConfigMap", "default", "settings")!["datta"]);
    }

    [Fact]
    public async Task Given_a_wrong_token_When_a_request_arrives_Then_401_Unauthorized()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = "stolen" });

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
    }

    [Fact]
    public async Task Given_a_deployment_When_patched_by_merge_strategic_and_json_patch_Then_each_follows_its_rules()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var deployment = Deployment("web", replicas: 1);
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");

        var strategic = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");
        var merge = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"shop"}},"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var json = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/replicas","value":4},{"op":"remove","path":"/metadata/labels/team"}]""", V1Patch.PatchType.JsonPatch), "web", "default");

        Assert.Equal([("web", "web:2"), ("sidecar", "envoy:1")], strategic.Spec.Template.Spec.Containers.Select(c => (c.Name, c.Image)));
        Assert.Equal((3, "shop"), (merge.Spec.Replicas, merge.Metadata.Labels["team"]));
        Assert.Equal(4, json.Spec.Replicas);
        Assert.False(json.Metadata.Labels.ContainsKey("team"));
        Assert.Equal([1L, 2L, 3L, 4L], new[] { deployment, strategic, merge, json }.Select(d => d.Metadata.Generation ?? 1));
    }

    [Fact]
    public async Task Given_events_about_several_objects_When_listed_by_involvedObject_name_Then_only_that_objects_events_come_back()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.AddEvent("v1", "Pod", "default", "web-0", "BackOff", "Back-off restarting failed container web in pod web-0");
        server.AddEvent("v1", "Pod", "default", "web-1", "Pulled", "Successfully pulled image", type: "Normal");

        var events = await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=web-0");

        var only = Assert.Single(events.Items);
        Assert.Equal(("Warning", "BackOff", "Pod"), (only.Type, only.Reason, only.InvolvedObject.Kind));
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "spec.colour=red"));
        Assert.Equal((400, "field label not supported: spec.colour"), (error.Status().Code, error.Status().Message));
    }

    [Fact]
    public async Task Given_seeded_objects_When_read_directly_Then_server_fields_are_filled_in()
    {
        await using var server = await FakeKubeApiServer.StartAsync();

        var seeded = server.Seed(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"legacy","namespace":"ops"},"data":{"a":"1"}}""")!);

        Assert.NotNull(seeded["metadata"]?["uid"]);
        Assert.NotNull(server.Get("v1", "Namespace", null, "ops"));
        Assert.Equal("1", server.Get<V1ConfigMap>("ops", "legacy")?.Data["a"]);
        Assert.Contains(server.All(), o => (string?)o["metadata"]?["name"] == "legacy");
        Assert.Equal(0, server.WriteCount);
    }

    internal static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = data.ToDictionary(entry => entry.Key, entry => entry.Value),
    };

    internal static V1Deployment Deployment(string name, int replicas, string image = "web:1") => new()
    {
        ApiVersion = V1Deployment.KubeGroup + "/" + V1Deployment.KubeApiVersion,
        Kind = V1Deployment.KubeKind,
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
            },
        },
    };

    internal static V1StatefulSet StatefulSet(string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = V1StatefulSet.KubeGroup + "/" + V1StatefulSet.KubeApiVersion,
        Kind = V1StatefulSet.KubeKind,
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(label => label.Key, label => label.Value) },
        Spec = new V1StatefulSetSpec
        {
            ServiceName = name,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = $"{name}:1" }] },
            },
        },
    };
}
