using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Emitting;
using StackGen.Objects;

namespace StackGen.Tests.Emitting;

public sealed class UntypedObjectTests
{
    [Fact]
    public void Writes_apiVersion_kind_metadata_then_its_fields_in_key_order()
    {
        var route = new UntypedObject("example.com/v1", "Widget", new V1ObjectMeta { Name = "w", NamespaceProperty = "shop" });
        route.Fields["status"] = new JsonObject { ["ready"] = true };
        route.Fields["spec"] = new JsonObject { ["size"] = 3, ["colour"] = "red", ["tags"] = new JsonArray("b", "a") };

        var yaml = YamlEmitter.Write(route);

        Assert.Equal(
            """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
              namespace: shop
            spec:
              colour: red
              size: 3
              tags:
              - b
              - a
            status:
              ready: true

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Fields_cannot_replace_what_the_object_itself_says()
    {
        var widget = new UntypedObject("example.com/v1", "Widget", new V1ObjectMeta { Name = "w" });
        widget.Fields["kind"] = "Gadget";
        widget.Fields["metadata"] = new JsonObject { ["name"] = "other" };

        var json = KubernetesObjects.ToJson(widget);

        Assert.Equal("Widget", (string?)json["kind"]);
        Assert.Equal("w", (string?)json["metadata"]!["name"]);
    }
}
