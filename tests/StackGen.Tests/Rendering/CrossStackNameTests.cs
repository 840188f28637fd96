using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>Two stacks that write one object: an input error at the second stack's declaration, naming the first.</summary>
public sealed class CrossStackNameTests
{
    [Fact]
    public void One_object_written_by_two_stacks_is_an_input_error_at_the_second()
    {
        var catalog = new StackCatalog("test", [new Shared("first"), new Shared("second")]);
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: test, kubernetesVersion: "1.33" }
            stacks:
              first: {}
              second: {}
            """);
        var environment = new EnvironmentLoader(repository.Root, catalog).Load("dev", []);

        var error = Assert.Single(Assert.Throws<InputException>(() => new Renderer(catalog).Render(environment, [])).Errors);

        Assert.Equal("environments/dev.yaml:4:3: error: stacks.second: ConfigMap/shared would be written twice, by stack first and this stack; expected settings that make distinct object names", error.ToString());
    }

    public sealed record SharedSettings;

    /// <summary>A stack that writes a ConfigMap whose name is not its own.</summary>
    private sealed class Shared(string name) : StackGen.Stacks.Stack<SharedSettings>
    {
        public override string Name => name;

        public override string Owner => "test";

        public override string Description => "writes ConfigMap/shared";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, SharedSettings settings) =>
            [new V1ConfigMap { Metadata = context.Metadata("shared", "file") }];
    }
}
