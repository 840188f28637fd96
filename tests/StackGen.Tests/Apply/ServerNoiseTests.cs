using System.Text.Json.Nodes;
using StackGen.Apply;
using StackGen.Apply.Diffing;
using StackGen.Emitting;

namespace StackGen.Tests.Apply;

public sealed class ServerNoiseTests
{
    private const string Live = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"shop","uid":"1234","resourceVersion":"42","generation":3,"creationTimestamp":"2024-01-01T00:00:00Z",
                     "managedFields":[{"manager":"stackgen"}],"labels":{"app":"web"},
                     "annotations":{"deployment.kubernetes.io/revision":"3"}},
         "spec":{"replicas":2},
         "status":{"readyReplicas":2}}
        """;

    [Fact]
    public void Server_written_fields_are_removed_and_the_original_is_untouched()
    {
        var live = JsonNode.Parse(Live)!.AsObject();

        var stripped = ServerNoise.Strip(live);

        Assert.Equal(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels:
                app: web
            spec:
              replicas: 2

            """.ReplaceLineEndings("\n"),
            YamlEmitter.Write(stripped));
        Assert.Equal("42", (string?)live["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void Noise_alone_is_no_change()
    {
        var live = JsonNode.Parse(Live)!.AsObject();
        var dryRun = JsonNode.Parse(Live)!.AsObject();
        dryRun["metadata"]!["resourceVersion"] = "43";
        dryRun["metadata"]!["managedFields"] = new JsonArray();
        dryRun["status"] = new JsonObject { ["readyReplicas"] = 0 };

        Assert.Equal(ChangeKind.Unchanged, ObjectChange.Compare(live, dryRun));

        dryRun["spec"]!["replicas"] = 3;
        Assert.Equal(ChangeKind.Update, ObjectChange.Compare(live, dryRun));
        Assert.Equal(ChangeKind.Create, ObjectChange.Compare(null, dryRun));
    }
}
