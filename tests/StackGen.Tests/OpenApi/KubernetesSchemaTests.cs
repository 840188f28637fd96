using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackGen.Tests.OpenApi;

public sealed class KubernetesSchemaTests
{
    private const string StatefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: rabbitmq
          labels:
            app.kubernetes.io/name: rabbitmq
        spec:
          replicas: 3
          serviceName: rabbitmq-peers
          selector:
            matchLabels:
              app.kubernetes.io/name: rabbitmq
          updateStrategy:
            rollingUpdate:
              maxUnavailable: 1
          template:
            metadata:
              labels:
                app.kubernetes.io/name: rabbitmq
            spec:
              containers:
              - name: rabbitmq
                image: rabbitmq:4.1-management
                ports:
                - name: amqp
                  containerPort: 5672
                - name: management
                  containerPort: 15672
                readinessProbe:
                  tcpSocket:
                    port: amqp
                resources:
                  requests:
                    cpu: 500m
                    memory: 1Gi
                  limits:
                    memory: 2
          volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes:
              - ReadWriteOnce
              resources:
                requests:
                  storage: 10Gi
        """;

    private static readonly KubernetesSchema Kubernetes134 = KubernetesSchema.Load("1.34");

    [Fact]
    public void Valid_stateful_set_passes()
    {
        Assert.Empty(Validate(StatefulSet));
    }

    [Fact]
    public void Unknown_field_is_reported_with_its_path()
    {
        var errors = Validate(StatefulSet.Replace("- name: management", "- nmae: management", StringComparison.Ordinal));

        Assert.Contains("StatefulSet/rabbitmq: spec.template.spec.containers[0].ports[1]: unknown field \"nmae\"", errors);
    }

    [Fact]
    public void Missing_required_field_is_reported()
    {
        var errors = Validate(StatefulSet.Replace("- name: rabbitmq", "- stdin: true", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: spec.template.spec.containers[0]: missing required field \"name\""], errors);
    }

    [Fact]
    public void Wrong_type_is_reported()
    {
        var errors = Validate(StatefulSet.Replace("containerPort: 5672", "containerPort: abc", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: spec.template.spec.containers[0].ports[0].containerPort: expected integer, got string \"abc\""], errors);
    }

    [Fact]
    public void Quoted_number_is_a_string_not_an_integer()
    {
        var errors = Validate(StatefulSet.Replace("containerPort: 5672", "containerPort: \"5672\"", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: spec.template.spec.containers[0].ports[0].containerPort: expected integer, got string \"5672\""], errors);
    }

    [Fact]
    public void Api_version_that_is_not_served_is_reported()
    {
        var errors = Validate(StatefulSet.Replace("apiVersion: apps/v1", "apiVersion: apps/v1beta1", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: apiVersion apps/v1beta1 kind StatefulSet is not served by Kubernetes 1.34"], errors);
    }

    [Fact]
    public void Core_group_kinds_are_found_by_apiVersion_v1()
    {
        var errors = Validate("""
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: legacy
            spec:
              replicas: 1
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Int_or_string_accepts_both_forms_and_nothing_else()
    {
        Assert.Empty(Validate(StatefulSet.Replace("port: amqp", "port: 5672", StringComparison.Ordinal)));
        Assert.Empty(Validate(StatefulSet.Replace("maxUnavailable: 1", "maxUnavailable: 50%", StringComparison.Ordinal)));

        var errors = Validate(StatefulSet.Replace("port: amqp", "port: true", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: spec.template.spec.containers[0].readinessProbe.tcpSocket.port: expected integer or string, got boolean true"], errors);
    }

    [Fact]
    public void Quantity_must_follow_the_kubernetes_grammar()
    {
        var errors = Validate(StatefulSet.Replace("memory: 1Gi", "memory: 1GB", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: spec.template.spec.containers[0].resources.requests.memory: \"1GB\" is not a Kubernetes quantity"], errors);
    }

    [Fact]
    public void Missing_name_is_reported()
    {
        var errors = Validate(StatefulSet.Replace("  name: rabbitmq\n  labels:", "  labels:", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/?: metadata: missing required field \"name\""], errors);
    }

    [Fact]
    public void Map_keys_that_are_not_identifiers_are_quoted_in_paths()
    {
        var errors = Validate(StatefulSet.Replace("app.kubernetes.io/name: rabbitmq\nspec:", "app.kubernetes.io/name: 3\nspec:", StringComparison.Ordinal));

        Assert.Equal(["StatefulSet/rabbitmq: metadata.labels[\"app.kubernetes.io/name\"]: expected string, got number 3"], errors);
    }

    [Fact]
    public void Missing_spec_file_names_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => KubernetesSchema.Load("1.31"));

        Assert.Contains("kubernetes-1.31.swagger.json.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_plain_scalars_resolve_with_the_core_schema()
    {
        var document = Assert.Single(YamlToJson.Parse("""
            a: ~
            b:
            c: True
            d: 0x1F
            e: 0o17
            f: -.inf
            g: 1.5e3
            h: yes
            i: '5672'
            j: |
              text
            k: 0123
            """));

        Assert.Equal("""{"a":null,"b":null,"c":true,"d":31,"e":15,"g":1500,"h":"yes","i":"5672","j":"text\n","k":123}""",
            new JsonObject(document.AsObject().Where(p => p.Key != "f").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
        Assert.Equal(JsonValueKind.Number, document["f"]!.GetValueKind());
        Assert.Equal(double.NegativeInfinity, document["f"]!.GetValue<double>());
    }

    [Fact]
    public void Yaml_duplicate_keys_are_rejected()
    {
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlToJson.Parse("a: 1\nb: 2\na: 3\n"));
    }

    [Fact]
    public void Yaml_stream_yields_one_node_per_non_empty_document()
    {
        var documents = YamlToJson.Parse("---\na: 1\n---\n---\n- b\n");

        Assert.Collection(documents, d => Assert.IsType<JsonObject>(d), d => Assert.IsType<JsonArray>(d));
    }

    private static IReadOnlyList<string> Validate(string yaml) => Kubernetes134.Validate(Assert.Single(YamlToJson.Parse(yaml)));
}
