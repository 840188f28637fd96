using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;

namespace StackGen.Tests.Apply;

public sealed class PruneSelectionTests
{
    private const string Id = "applyset-abc-v1";

    private static JsonObject Live(string apiVersion, string kind, string name, string? partOf = Id, string? annotations = null)
    {
        var labels = new JsonObject();
        if (partOf is not null)
        {
            labels[ApplySet.PartOfLabel] = partOf;
        }

        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["labels"] = labels, ["annotations"] = JsonNode.Parse(annotations ?? "{}") },
        };
    }

    private static ObjectRef Desired(string apiVersion, string kind, string name) => new(apiVersion, kind, "shop", name);

    [Fact]
    public void Members_that_left_the_render_are_deleted_and_the_rest_are_not()
    {
        var decision = PruneSelection.Select(Id, [Live("apps/v1", "Deployment", "web"), Live("apps/v1", "Deployment", "old")], [Desired("apps/v1", "Deployment", "web")]);

        Assert.Equal([Desired("apps/v1", "Deployment", "old")], decision.Delete);
        Assert.Empty(decision.Keep);
    }

    [Fact]
    public void PersistentVolumeClaims_are_never_deleted()
    {
        var decision = PruneSelection.Select(Id, [Live("v1", "PersistentVolumeClaim", "data")], []);

        Assert.Empty(decision.Delete);
        Assert.Equal("data", Assert.Single(decision.Keep).Item.Name);
    }

    [Theory]
    [InlineData("""{"stackgen.io/keep":"true"}""")]
    [InlineData("""{"helm.sh/resource-policy":"keep"}""")]
    public void Objects_annotated_keep_are_never_deleted(string annotations)
    {
        var decision = PruneSelection.Select(Id, [Live("v1", "ConfigMap", "precious", annotations: annotations)], []);

        Assert.Empty(decision.Delete);
        Assert.Single(decision.Keep);
    }

    [Fact]
    public void Objects_without_this_sets_label_are_never_touched_even_if_listed()
    {
        var decision = PruneSelection.Select(Id, [Live("v1", "ConfigMap", "theirs", partOf: null), Live("v1", "ConfigMap", "other-set", partOf: "applyset-other-v1")], []);

        Assert.Empty(decision.Delete);
        Assert.Empty(decision.Keep);
    }

    [Fact]
    public void An_object_listed_under_another_version_of_its_group_is_still_the_rendered_one()
    {
        var decision = PruneSelection.Select(Id, [Live("autoscaling/v1", "HorizontalPodAutoscaler", "web")], [Desired("autoscaling/v2", "HorizontalPodAutoscaler", "web")]);

        Assert.Empty(decision.Delete);
    }
}
