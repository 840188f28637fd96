using StackGen.Stacks;
using StackGen.Tests.Fixtures.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Fixtures;

/// <summary>
/// The engine tests' own small organisation: the stacks in Fixtures/Stacks (a StatefulSet with a ConfigMap, Deployments
/// that reference it, a backup with a claim) and the environments in Fixtures/Organisation/environments. Editing the
/// organisation's real stacks/ or environments/ (README's walkthrough, a new stack) cannot change what these tests see.
/// </summary>
public static class FixtureOrganisation
{
    public const string System = "fixture-shop";

    public static StackCatalog Catalog { get; } = new(System, [new Broker(), new Worker(), new Backup()]);

    public static TestOrganisation Organisation { get; } = new(Path.Combine(Repository.TestsDirectory, "Fixtures", "Organisation"), Catalog);

    public static string Root => Organisation.Root;
}
