using StackGen.Rendering;
using StackGen.Stacks;

namespace StackGen.Tests.Support;

/// <summary>
/// The organisation's shipped stacks and environments (stacks/, environments/). Only the golden, OpenAPI,
/// lint-clean and organisation-specific tests read them, and those follow the files; engine tests use
/// <see cref="Fixtures.FixtureOrganisation"/>, which no edit of the organisation's files can break.
/// </summary>
public static class Renders
{
    public static TestOrganisation Shipped { get; } = new(Repository.Root, Organisation.Catalog);

    public static StackCatalog Catalog => Shipped.Catalog;

    public static IReadOnlyList<string> Environments { get; } = Shipped.Environments;

    public static RenderResult Render(string environment, IReadOnlyList<string>? sets = null, IReadOnlyCollection<string>? stacks = null) =>
        Shipped.Render(environment, sets, stacks);

    public static string Yaml(RenderResult result) => TestOrganisation.Yaml(result);

    public static string Yaml(string environment, IReadOnlyList<string>? sets = null) => Shipped.Yaml(environment, sets);
}
