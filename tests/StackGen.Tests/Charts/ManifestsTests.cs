using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Apply.Manifests;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Objects;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

/// <summary>Reading someone else's YAML into typed objects: nothing the chart set is lost, anything the model lacks is an error.</summary>
public sealed class ManifestsTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public ManifestsTests()
    {
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
    }

    private static SourceLocation At(string? source, long line, long column) => SourceLocation.InFile(source ?? "manifest.yaml", line, column);

    [Fact]
    public void Every_document_of_the_fixture_charts_render_reads_and_writes_back_to_the_same_json()
    {
        var chart = VendoredCharts.Find(_repository.Root, "queue");
        var values = ChartValues.FromJson(new JsonObject { ["migrations"] = new JsonObject { ["enabled"] = true } }, SourceLocation.Flag("test"));
        var rendered = HelmTemplate.Render(ChartFixtures.Helm(), new HelmTemplateRequest(chart, "broker", "shop-dev", "1.34") { Values = values });

        var read = Manifests.Read(rendered, At);
        var documents = ManifestReader.Read(rendered);

        Assert.Equal(["CustomResourceDefinition", "ConfigMap", "Service", "StatefulSet", "Job"], read.Select(o => o.Resource.Kind));
        Assert.IsType<V1CustomResourceDefinition>(read[0].Resource);
        Assert.IsType<V1StatefulSet>(read[3].Resource);
        Assert.Equal(documents.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var written = KubernetesObjects.ToJson(read[i].Resource);
            Assert.True(JsonNode.DeepEquals(documents[i], written), $"{read[i].Resource.Kind}: {documents[i].ToJsonString()}\n  became {written.ToJsonString()}");
        }
    }

    [Fact]
    public void List_order_values_and_free_form_fields_survive_a_read_and_write()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                z: "1"
                a: "2"
            spec:
              containers:
                - name: second
                  image: b:1
                  args: ["z", "a", "m"]
                  resources:
                    limits:
                      memory: 512Mi
                      cpu: 500m
                  ports:
                    - containerPort: 80
                - name: first
                  image: a:1
            ---
            apiVersion: example.org/v1
            kind: Queue
            metadata:
              name: q
            spec:
              durable: true
              anything: [1, {b: 2}]
            """;

        var read = Manifests.Read(yaml, At);

        var pod = Assert.IsType<V1Pod>(read[0].Resource);
        Assert.Equal(["second", "first"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal(["z", "a", "m"], pod.Spec.Containers[0].Args);
        Assert.Equal("512Mi", pod.Spec.Containers[0].Resources.Limits["memory"].ToString());
        var queue = Assert.IsType<UntypedObject>(read[1].Resource);
        Assert.Equal("""{"durable":true,"anything":[1,{"b":2}]}""", queue.Fields["spec"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(ManifestReader.Read(yaml)[0], KubernetesObjects.ToJson(pod)));
    }

    [Fact]
    public void A_custom_resource_whose_crd_is_in_crds_is_read_into_its_generated_class_and_back()
    {
        const string yaml = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: queue
            spec:
              selector:
                matchLabels:
                  app: queue
              endpoints:
                - port: metrics
                  interval: 30s
                  scheme: https
            """;

        var monitor = Assert.IsType<StackGen.CustomResources.Monitoring.V1.ServiceMonitor>(Assert.Single(Manifests.Read(yaml, At)).Resource);

        Assert.Equal("metrics", Assert.Single(monitor.Spec.Endpoints!).Port);
        Assert.True(JsonNode.DeepEquals(ManifestReader.Read(yaml)[0], KubernetesObjects.ToJson(monitor)));
    }

    [Fact]
    public void A_custom_resource_value_outside_its_enum_is_an_error_listing_the_values()
    {
        const string yaml = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: q\nspec:\n  selector: {}\n  endpoints:\n  - scheme: htps\n";

        var error = Assert.Single(Assert.Throws<InputException>(() => Manifests.Read(yaml, At)).Errors);

        Assert.StartsWith("manifest.yaml:8:13: error: ServiceMonitor/q: spec.endpoints[0].scheme: expected one of http, https", error.ToString());
    }

    [Fact]
    public void A_field_a_built_in_kind_does_not_have_is_an_error_at_its_line()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      imagePullPolice: Always
            """;

        var error = Assert.Single(Assert.Throws<InputException>(() => Manifests.Read(yaml, At)).Errors);

        Assert.Equal("manifest.yaml:10:11: error: Deployment/web: spec.template.spec.containers[0].imagePullPolice: unknown field 'imagePullPolice' (the API server would drop it)", error.ToString());
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error_saying_what_was_expected()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    port: 8080\n";

        var error = Assert.Single(Assert.Throws<InputException>(() => Manifests.Read(yaml, At)).Errors);

        Assert.Equal("manifest.yaml:6:11: error: ConfigMap/c: metadata.labels.port: expected a string (quote it), got the number 8080", error.ToString());
    }

    [Fact]
    public void Documents_without_a_name_or_that_are_not_objects_are_each_reported()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n---\n- a list\n---\n# only a comment\n";

        var errors = Assert.Throws<InputException>(() => Manifests.Read(yaml, At)).Errors;

        Assert.Equal(
            [
                "manifest.yaml:3:11: error: ConfigMap: metadata.name: missing: every ConfigMap needs a name",
                "manifest.yaml:5:1: error: expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got a list",
            ],
            errors.Select(e => e.ToString()));
    }

    public void Dispose() => _repository.Dispose();
}
