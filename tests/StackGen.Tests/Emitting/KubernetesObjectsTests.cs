using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using StackGen.Emitting;
using StackGen.Tests.Support;

namespace StackGen.Tests.Emitting;

/// <summary>
/// The generated writers against KubernetesClient's own JSON serializer (the reference: what the API server would be
/// sent): for every object, the YAML written from the typed object equals the YAML written from
/// <c>KubernetesJson.Serialize</c>'s JSON, and so does the JSON apply works on.
/// </summary>
public sealed class KubernetesObjectsTests
{
    public static TheoryData<string, string> Environments() => Organisations.Environments();

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_rendered_object_is_written_as_KubernetesClient_serializes_it(string organisation, string environment)
    {
        foreach (var rendered in Organisations.Named(organisation).Render(environment).Objects)
        {
            AssertWrittenAsSerialized(rendered.Resource);
        }
    }

    [Fact]
    public void IntOrString_is_a_number_when_it_parses_as_one()
    {
        var port = new V1ServicePort { Port = 80, TargetPort = "8080" };
        var named = new V1ServicePort { Port = 80, TargetPort = "http" };

        Assert.Equal("port: 80\ntargetPort: 8080\n", YamlEmitter.Write(port));
        Assert.Equal("port: 80\ntargetPort: http\n", YamlEmitter.Write(named));
        AssertWrittenAsSerialized(port);
        AssertWrittenAsSerialized(named);
    }

    [Fact]
    public void Scalars_convert_as_KubernetesClient_converts_them()
    {
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = "s",
                CreationTimestamp = new DateTime(2026, 11, 27, 3, 4, 5, DateTimeKind.Utc),
                DeletionTimestamp = new DateTime(2026, 11, 27, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
                DeletionGracePeriodSeconds = 30,
            },
            Data = new Dictionary<string, byte[]> { ["key"] = Encoding.UTF8.GetBytes("not really a secret") },
            Immutable = false,
        };
        var limits = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1.5Gi"), ["cpu"] = new("0.5") } };

        Assert.Equal(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
              creationTimestamp: "2026-11-27T03:04:05Z"
              deletionGracePeriodSeconds: 30
              deletionTimestamp: "2026-11-27T03:04:05.123456Z"
            data:
              key: bm90IHJlYWxseSBhIHNlY3JldA==
            immutable: false

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(secret));
        Assert.Equal("limits:\n  cpu: 500m\n  memory: 1536Mi\n", YamlEmitter.Write(limits));
        AssertWrittenAsSerialized(secret);
        AssertWrittenAsSerialized(limits);
    }

    [Fact]
    public void Nulls_and_empty_collections_go_and_meaningful_empty_objects_stay_at_any_depth()
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "deny", Labels = new Dictionary<string, string>(), Annotations = new Dictionary<string, string> { ["a"] = null! } },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>() },
                PolicyTypes = ["Ingress", null!],
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() }, new V1NetworkPolicyPeer()] }, null!],
                Egress = [],
            },
        };
        var pod = new V1PodSpec
        {
            Containers = [new V1Container { Name = "app", Args = [], Env = [new V1EnvVar { Name = "A", Value = "" }] }],
            Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }],
        };

        Assert.Equal(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny
            spec:
              ingress:
              - from:
                - namespaceSelector: {}
              podSelector: {}
              policyTypes:
              - Ingress

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(policy));
        Assert.Equal(
            """
            containers:
            - name: app
              env:
              - name: A
                value: ""
            volumes:
            - name: scratch
              emptyDir: {}

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(pod));
        AssertWrittenAsSerialized(policy);
        AssertWrittenAsSerialized(pod);
    }

    [Fact]
    public void Free_form_fields_are_written_from_what_they_hold()
    {
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            DefaultProperty = JsonSerializer.Deserialize<JsonElement>("""{"b":[1,2.5,"x",null,true],"a":{"c":{}}}"""),
            Example = "text",
        };

        // No reference here: KubernetesClient.Aot's serializer has no metadata for a JsonElement in an object field.
        Assert.Equal("default:\n  b:\n  - 1\n  - 2.5\n  - x\n  - true\nexample: text\ntype: object\n", YamlEmitter.Write(schema));
        Assert.Equal("""{"default":{"b":[1,2.5,"x",true]},"example":"text","type":"object"}""", KubernetesObjects.ToJson(schema).ToJsonString());
    }

    [Fact]
    public void A_list_kind_is_written_as_the_object_it_is()
    {
        var list = new V1ConfigMapList { ApiVersion = "v1", Kind = "ConfigMapList", Items = [new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }] };

        Assert.Equal("apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata:\n    name: a\n", YamlEmitter.Write(list));
        AssertWrittenAsSerialized(list);
    }

    [Fact]
    public void Something_that_is_not_a_Kubernetes_object_is_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => YamlEmitter.Write(new Uri("http://example")));
        var scalar = Assert.Throws<NotSupportedException>(() => YamlEmitter.Write("text"));

        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("is a mapping", scalar.Message, StringComparison.Ordinal);
    }

    // Custom resource classes have no metadata in KubernetesClient's serializer context: System.Text.Json reads their
    // [JsonPropertyName]s and enum member names ([JsonStringEnumMemberName], through the non-generic enum converter) by
    // reflection (here only; the emitter never does).
    private static readonly JsonSerializerOptions CustomResourceJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    internal static void AssertWrittenAsSerialized(object item)
    {
        var serialized = JsonNode.Parse(item.GetType().Namespace!.StartsWith("StackGen.CustomResources.", StringComparison.Ordinal)
            ? JsonSerializer.Serialize(item, item.GetType(), CustomResourceJson)
            : KubernetesJson.Serialize(item))!;

        Assert.Equal(YamlEmitter.Write(serialized), YamlEmitter.Write(item));
        var json = KubernetesObjects.ToJson(item);
        Assert.True(
            JsonNode.DeepEquals(KubernetesObjects.ToJson(serialized), json),
            $"JSON differs for {item.GetType().Name}:\n{KubernetesObjects.ToJson(serialized).ToJsonString()}\n{json.ToJsonString()}");
    }
}
