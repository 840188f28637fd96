using k8s;
using k8s.Models;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>
/// Object names are made of settings, so a name that is invalid or taken twice is the settings' fault: an input error
/// located at the stack, for every stack (stacks that check their names in Check locate it at the setting instead).
/// </summary>
public sealed class ObjectNameTests
{
    private static readonly StackCatalog Catalog = new("test", [new Files(), new Shared("first"), new Shared("second")]);

    private static InputError RenderError(string files) => RenderErrorOf($"  files: {{ names: {files} }}\n");

    /// <summary>The one error of rendering a dev environment whose stacks: section is <paramref name="stacks"/> (from line 3).</summary>
    private static InputError RenderErrorOf(string stacks)
    {
        using var repository = new ScratchRepository().With("dev.yaml", """
            target: { context: dev, namespace: test, kubernetesVersion: "1.33" }
            stacks:

            """ + stacks);
        var environment = new EnvironmentLoader(repository.Root, Catalog).Load("dev", []);
        return Assert.Single(Assert.Throws<InputException>(() => new Renderer(Catalog).Render(environment, [])).Errors);
    }

    [Fact]
    public void Two_objects_of_one_kind_and_name_are_an_input_error_at_the_stack()
    {
        var error = RenderError("[a, a]");

        Assert.Equal("environments/dev.yaml:3:3: error: stacks.files: ConfigMap/files-a would be written twice, by two objects of this stack; expected settings that make distinct object names", error.ToString());
    }

    [Fact]
    public void An_invalid_object_name_is_an_input_error_at_the_stack()
    {
        var error = RenderError("[A_b]");

        Assert.StartsWith("environments/dev.yaml:3:3: error: stacks.files: the settings make the object name 'files-A_b', which is not a DNS label", error.ToString());
    }

    [Fact]
    public void One_object_written_by_two_stacks_is_an_input_error_at_the_second_naming_the_first()
    {
        var error = RenderErrorOf("  first: {}\n  second: {}\n");

        Assert.Equal("environments/dev.yaml:4:3: error: stacks.second: ConfigMap/shared would be written twice, by stack first and this stack; expected settings that make distinct object names", error.ToString());
    }

    public sealed record FilesSettings
    {
        public IReadOnlyList<string> Names { get; init; } = [];
    }

    /// <summary>A stack that names a ConfigMap after each setting value, without checking them.</summary>
    private sealed class Files : StackGen.Stacks.Stack<FilesSettings>
    {
        public override string Name => "files";

        public override string Owner => "test";

        public override string Description => "one ConfigMap per name";

        protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, FilesSettings settings) =>
            settings.Names.Select(name => new V1ConfigMap { Metadata = context.Metadata(context.Name(name), "file") });
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
