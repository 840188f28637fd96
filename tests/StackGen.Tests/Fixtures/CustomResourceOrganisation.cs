using StackGen.Stacks;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Fixtures;

/// <summary>
/// The custom-resource apply tests' organisation: the <see cref="Gadgets"/> stack (a CustomResourceDefinition and
/// Widgets of it) and its environment in Fixtures/CustomResources/environments, on the same target as
/// <see cref="FixtureOrganisation"/>'s production.
/// </summary>
public static class CustomResourceOrganisation
{
    public static StackCatalog Catalog { get; } = new(FixtureOrganisation.System, [new Gadgets()]);

    public static TestOrganisation Organisation { get; } = new(Path.Combine(Repository.TestsDirectory, "Fixtures", "CustomResources"), Catalog);
}
