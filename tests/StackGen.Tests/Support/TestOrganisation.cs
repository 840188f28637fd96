using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Stacks;

namespace StackGen.Tests.Support;

/// <summary>
/// An organisation the tests render: a repository root holding environments/ and the catalog of its stacks, the
/// two things the CLI is given (<c>StackGenCli.Run</c>'s catalog and working directory). Loaded through the same
/// engine entry points the CLI uses.
/// </summary>
public sealed record TestOrganisation(string Root, StackCatalog Catalog)
{
    public IReadOnlyList<string> Environments => new EnvironmentLoader(Root, Catalog).EnvironmentNames();

    public EnvironmentConfig Load(string environment, IReadOnlyList<string>? sets = null) =>
        new EnvironmentLoader(Root, Catalog).Load(environment, sets ?? []);

    public RenderResult Render(string environment, IReadOnlyList<string>? sets = null, IReadOnlyCollection<string>? stacks = null) =>
        new Renderer(Catalog).Render(Load(environment, sets), stacks ?? []);

    public string Yaml(string environment, IReadOnlyList<string>? sets = null) => Yaml(Render(environment, sets));

    public static string Yaml(RenderResult result) => YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource));

    /// <summary>Runs `stackgen ARGS` in-process from the organisation's root.</summary>
    public CliRun Cli(params string[] args) => CliRun.In(Root, Catalog, args);

    /// <summary>The same stacks over a scratch copy of this organisation's environments/, to edit as a user would.</summary>
    public ScratchOrganisation Copy() => new(this);
}
