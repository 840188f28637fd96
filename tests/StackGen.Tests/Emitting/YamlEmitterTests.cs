using k8s.Models;
using StackGen.Emitting;
using StackGen.Tests.OpenApi;

namespace StackGen.Tests.Emitting;

public sealed class YamlEmitterTests
{
    public static TheoryData<string> TrickyStrings() =>
    [
        "plain", "true", "yes", "No", "null", "~", "", "5672", "1e3", "0x1F", "1_000", "12:30", "2024-01-01", ".5", "-1", "+1",
        " leading space", "trailing space ", "a: b", "a #b", "ends:", "- dash", "#hash", "&anchor", "*alias", "!tag", "%percent",
        "@at", "`tick", "{flow}", "[flow]", "'single'", "\"double\"", "back\\slash", "tab\tinside", "line\nbreak", "two\n",
        "three\n\n", "\n leading newline", "  indented\nblock\n", "trailing spaces \nline\n", "unicode é ✓", "control \u0001",
        "=", "<<", "rabbit@$(POD_NAME).rabbitmq-peers.shop.svc.cluster.local", "amqp://$(USER):$(PASS)@host:5672/%2F",
    ];

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Strings_read_back_unchanged(string value)
    {
        var configMap = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["k"] = value } };

        var yaml = YamlEmitter.Write(configMap);

        var parsed = Assert.Single(YamlToJson.Parse(yaml))!;
        Assert.Equal(value, (string?)parsed["data"]!["k"]);
    }

    [Fact]
    public void Conventional_field_order_and_no_empty_collections()
    {
        var service = new V1Service
        {
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = "http", Name = "http" }], Selector = new Dictionary<string, string>() },
            Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string>(), Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, Name = "web" },
            Kind = "Service",
            ApiVersion = "v1",
        };

        Assert.Equal(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
                a: "1"
                b: "2"
            spec:
              ports:
              - name: http
                port: 80
                targetPort: http

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(service));
    }

    [Fact]
    public void A_large_stream_is_its_documents_in_order_whether_returned_or_written()
    {
        // Enough objects for the parallel path: slices written on every core must come out in order.
        var objects = Enumerable.Range(0, 500)
            .Select(i => (object)new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = $"c{i}" }, Data = new Dictionary<string, string> { ["n"] = $"{i}" } })
            .ToArray();
        using var written = new StringWriter();

        YamlEmitter.Write(objects, written);

        var expected = string.Join("---\n", objects.Select(YamlEmitter.Write));
        Assert.Equal(expected, YamlEmitter.Write(objects));
        Assert.Equal(expected, written.ToString());
    }

    [Fact]
    public void An_empty_dir_volume_survives()
    {
        var volume = new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() };

        Assert.Equal("name: scratch\nemptyDir: {}\n", YamlEmitter.Write(volume));
    }
}
