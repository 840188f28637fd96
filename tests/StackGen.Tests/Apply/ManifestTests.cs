using StackGen.Apply;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Emitting;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

public sealed class ManifestTests
{
    public static TheoryData<string, string> Environments() => Organisations.Environments();

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_render_read_back_from_its_YAML_writes_the_same_bytes(string organisation, string environment)
    {
        var yaml = Organisations.Named(organisation).Yaml(environment);

        Assert.Equal(yaml, YamlEmitter.Write(ManifestReader.Read(yaml)));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Stack_manifests_keep_the_render_and_its_order(string organisation, string environment)
    {
        var render = Organisations.Named(organisation).Render(environment);

        var stacks = StackManifest.FromRender(render);

        Assert.Equal(render.StackOrder.Where(s => render.Objects.Any(o => o.Stack == s)), stacks.Select(s => s.Stack));
        foreach (var stack in stacks)
        {
            Assert.Equal(TestOrganisation.Yaml(Organisations.Named(organisation).Render(environment, stacks: [stack.Stack])), stack.Yaml());
        }

        var changes = stacks.SelectMany(s => s.Objects.Select(o => new ObjectChange(s.Stack, ObjectRef.Of(o), o, null, null, ChangeKind.Create))).ToArray();
        var ordered = changes.OrderBy(c => c, new ApplyOrder(render.StackOrder)).Select(c => c.Item.Display);
        Assert.Equal(render.Objects.Select(o => $"{o.Kind.ToLowerInvariant()}/{o.Name}"), ordered);
    }

    [Fact]
    public void A_revision_survives_its_encoding()
    {
        var revision = new Revision(7, new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), "alice@laptop pid 1", "0123456789abcdef0123456789abcdef01234567", "production", "rabbitmq", "apply", 2, Renders.Yaml("dev"), [new RevisionSetting("rabbitmq.replicas", "3", "environments/production.yaml:9:15")]);

        var decoded = HistoryStore.Decode(HistoryStore.Encode(revision));

        Assert.Equal(revision with { Settings = [] }, decoded with { Settings = [] });
        Assert.Equal(revision.Settings, decoded.Settings);
    }
}
