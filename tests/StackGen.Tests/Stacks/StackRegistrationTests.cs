using System.Reflection;
using StackGen.Stacks;
using StackGen.Tests.Support;

namespace StackGen.Tests.Stacks;

/// <summary>
/// README's "Adding a stack", steps 2 and 5 enforced: every stack class in stacks/ is registered in the organisation's
/// catalog, and has behaviour tests of its own. (Steps 3 and 4 are GoldenManifestTests': every stack deployed in every
/// environment, a reviewed golden file for each.) A forgotten step fails here naming the class and the file to edit.
/// </summary>
public sealed class StackRegistrationTests
{
    public const string CatalogFile = "stacks/Organisation.cs";

    public static TheoryData<string> StackClasses() =>
        [.. typeof(Organisation).Assembly.GetTypes()
            .Where(type => typeof(IStack).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => type.Name)];

    [Theory]
    [MemberData(nameof(StackClasses))]
    public void Every_stack_is_registered_in_the_catalog(string stackClass)
    {
        Assert.True(
            Organisation.Catalog.Stacks.Any(stack => stack.GetType().Name == stackClass),
            $"{stackClass} is a stack no environment can deploy: add `new {stackClass}()` to the catalog in {CatalogFile}");
    }

    [Theory]
    [MemberData(nameof(StackClasses))]
    public void Every_stack_has_behaviour_tests(string stackClass)
    {
        var tests = typeof(StackRegistrationTests).Assembly.GetTypes().SingleOrDefault(type => type.Name == stackClass + "Tests" && type.Namespace == typeof(StackRegistrationTests).Namespace);
        var facts = tests?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Count(method => method.GetCustomAttributes().Any(a => a is FactAttribute)) ?? 0;

        Assert.True(facts > 0, $"{stackClass} has no behaviour tests: add tests/StackGen.Tests/Stacks/{stackClass}Tests.cs (class {stackClass}Tests) with tests of what the stack promises (see RabbitMqClusterTests.cs)");
        Assert.True(File.Exists(Path.Combine(Repository.TestsDirectory, "Stacks", stackClass + "Tests.cs")), $"{stackClass}Tests is not in tests/StackGen.Tests/Stacks/{stackClass}Tests.cs");
    }
}
