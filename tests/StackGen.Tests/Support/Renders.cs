using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;

namespace StackGen.Tests.Support;

/// <summary>Renders the organisation's real environments (or a scratch repository) the way the CLI does.</summary>
public static class Renders
{
    public static StackCatalog Catalog => Organisation.Catalog;

    public static IReadOnlyList<string> Environments { get; } = new EnvironmentLoader(Repository.Root, Catalog).EnvironmentNames();

    public static RenderResult Render(string environment, IReadOnlyList<string>? sets = null, string? root = null, IReadOnlyCollection<string>? stacks = null)
    {
        var config = new EnvironmentLoader(root ?? Repository.Root, Catalog).Load(environment, sets ?? []);
        return new Renderer(Catalog).Render(config, stacks ?? []);
    }

    public static string Yaml(RenderResult result) => YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource));

    public static string Yaml(string environment, IReadOnlyList<string>? sets = null) => Yaml(Render(environment, sets));
}
