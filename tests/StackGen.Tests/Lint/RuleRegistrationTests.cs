using System.Reflection;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Lint;

/// <summary>
/// README's "Adding a lint rule", enforced: every rule class of the engine and the stacks is registered (in
/// <see cref="Linter.Rules"/> or a stack's <c>Rules</c>), its ID is its own, and a test named after the ID makes it fire.
/// A forgotten step fails here naming the rule's class and the file to edit.
/// </summary>
public sealed class RuleRegistrationTests
{
    public const string RuleTestsFile = "tests/StackGen.Tests/Lint/RuleTests.cs";

    public static TheoryData<string> RuleClasses() =>
        [.. new[] { typeof(Rule).Assembly, typeof(StackGen.Stacks.Organisation).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsSubclassOf(typeof(Rule)) && !type.IsAbstract)
            .Select(type => type.FullName!)];

    public static TheoryData<string> RuleIds() => [.. Registered().Select(rule => rule.Id)];

    private static IEnumerable<Rule> Registered() =>
        Linter.RulesFor(Renders.Catalog.Stacks).Concat(Linter.RulesFor(FixtureOrganisation.Catalog.Stacks)).DistinctBy(rule => rule.Id);

    [Theory]
    [MemberData(nameof(RuleClasses))]
    public void Every_rule_class_is_registered(string ruleClass)
    {
        var registered = Registered().Select(rule => rule.GetType().FullName).ToHashSet(StringComparer.Ordinal);

        Assert.True(
            registered.Contains(ruleClass),
            $"{ruleClass} is a lint rule nobody runs: add `new {ruleClass.Split('.')[^1]}()` to Linter.Rules (src/StackGen/Validation/Linter.cs) for a general rule, or to its stack's Rules for a rule about that stack's domain");
    }

    [Fact]
    public void Rule_ids_are_unique_across_the_engine_and_the_stacks()
    {
        foreach (var catalog in new[] { Renders.Catalog, FixtureOrganisation.Catalog })
        {
            var rules = Linter.Rules.Concat(catalog.Stacks.SelectMany(s => s.Rules)).DistinctBy(r => r.GetType()).ToArray();
            var shared = rules.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.GetType().Name))}");

            Assert.True(!shared.Any(), $"rule IDs used twice: {string.Join("; ", shared)}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_a_test_named_after_its_id(string id)
    {
        var tests = typeof(RuleRegistrationTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.Name.StartsWith(id + "_", StringComparison.Ordinal)
                && method.GetCustomAttributes().Any(a => a is FactAttribute));

        Assert.True(
            tests.Any(),
            $"rule {id} ({Registered().Single(r => r.Id == id).GetType().Name}) has no test: add a test named {id}_... to {RuleTestsFile} that breaks a render (an object, a setting or a stated fact) and asserts that it fires");
    }
}
