using StackGen.Stacks;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Fixtures;

/// <summary>
/// The hook apply tests' organisation: the <see cref="Hooked"/> stack (objects with Helm hook annotations, as a chart
/// renders them) and its environment in Fixtures/Hooks/environments, on the same target as
/// <see cref="FixtureOrganisation"/>'s production.
/// </summary>
public static class HookOrganisation
{
    public static StackCatalog Catalog { get; } = new(FixtureOrganisation.System, [new Hooked()]);

    public static TestOrganisation Organisation { get; } = new(Path.Combine(Repository.TestsDirectory, "Fixtures", "Hooks"), Catalog);
}
