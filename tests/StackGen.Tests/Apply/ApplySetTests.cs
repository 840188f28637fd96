using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;

namespace StackGen.Tests.Apply;

public sealed class ApplySetTests
{
    [Theory]
    // Expected values computed independently: python3 hashlib.sha256 + base64.urlsafe_b64encode, '=' stripped.
    [InlineData("stackgen-rabbitmq", "shop", "Secret", "", "applyset-p-6bs1U5zVyB3x0OYYLgGsiVJpNXP9GYo8WCL28KwTc-v1")]
    [InlineData("automata", "", "ApplySet", "starjunk.net", "applyset-xjZyH1FmMYtP-oSkfLUgubxDYIbsrD-IuDRLmezicIo-v1")]
    public void Id_follows_the_KEP_formula(string name, string ns, string kind, string group, string expected) =>
        Assert.Equal(expected, ApplySet.IdFor(name, ns, kind, group));

    [Fact]
    public void A_stack_set_is_a_Secret_parent_in_the_target_namespace()
    {
        var set = new ApplySet("production", "rabbitmq", "shop");

        Assert.Equal(new ObjectRef("v1", "Secret", "shop", "stackgen-rabbitmq"), set.Parent);
        Assert.Equal(ApplySet.IdFor("stackgen-rabbitmq", "shop", "Secret", ""), set.Id);
        Assert.Matches("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", set.Id);
    }

    [Fact]
    public void Parent_lists_group_kinds_sorted_the_way_kubectl_writes_them()
    {
        var set = new ApplySet("production", "web", "shop");
        GroupKind[] kinds = [new("policy", "PodDisruptionBudget"), new("", "Secret"), new("apps", "Deployment"), new("", "ConfigMap"), new("apps", "Deployment")];

        var parent = set.ParentObject(kinds, ["shop", "monitoring"]);

        Assert.Equal("ConfigMap,Deployment.apps,PodDisruptionBudget.policy,Secret", (string?)parent["metadata"]!["annotations"]![ApplySet.ContainsGroupKindsAnnotation]);
        Assert.Equal("stackgen/v1", (string?)parent["metadata"]!["annotations"]![ApplySet.ToolingAnnotation]);
        Assert.Equal("monitoring", (string?)parent["metadata"]!["annotations"]![ApplySet.AdditionalNamespacesAnnotation]);
        Assert.Equal(set.Id, (string?)parent["metadata"]!["labels"]![ApplySet.IdLabel]);
        Assert.Equal(kinds.Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal), ApplySet.Describe(parent).GroupKinds);
    }

    [Fact]
    public void Members_are_labelled_on_a_copy_so_the_render_is_unchanged()
    {
        var set = new ApplySet("production", "web", "shop");
        var rendered = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web"}}}""")!.AsObject();
        var before = rendered.ToJsonString();

        var member = set.Member(rendered);

        Assert.Equal(before, rendered.ToJsonString());
        Assert.Equal(set.Id, (string?)member["metadata"]!["labels"]![ApplySet.PartOfLabel]);
        Assert.Equal("web", (string?)member["metadata"]!["labels"]!["app"]);
    }

    [Theory]
    [InlineData("Deployment.apps", "apps", "Deployment")]
    [InlineData("Secret", "", "Secret")]
    [InlineData("Ingress.networking.k8s.io", "networking.k8s.io", "Ingress")]
    public void Group_kinds_read_back(string text, string group, string kind)
    {
        var parsed = GroupKind.Parse(text);

        Assert.Equal(new GroupKind(group, kind), parsed);
        Assert.Equal(text, parsed.ToString());
    }
}
