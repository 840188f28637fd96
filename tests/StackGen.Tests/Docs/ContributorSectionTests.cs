using System.Reflection;
using System.Text.RegularExpressions;
using StackGen.Cli;
using StackGen.Stacks.ReadmeExample;
using StackGen.Tests.Cli;
using StackGen.Tests.Lint;
using StackGen.Tests.Stacks;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Docs;

/// <summary>
/// README's contributor sections (adding a stack, a value type, a lint rule, a command) say what the code is and what the
/// suite enforces: the files and members they name exist, each names the tests that enforce its steps, and the value
/// type it shows is the one the suite binds.
/// </summary>
public sealed partial class ContributorSectionTests
{
    private const string AddingAValueType = "Adding a settings value type";

    private static readonly Readme Text = Readme.Load();

    /// <summary>Each section and the test classes that fail when one of its steps is forgotten.</summary>
    public static TheoryData<string, string> Enforcers() => new()
    {
        { "Adding a stack", nameof(StackRegistrationTests) },
        { "Adding a stack", "GoldenManifestTests" },
        { "Adding a stack", "PodDefaultsTests" },
        { "Adding a stack", nameof(ReadmeTests) },
        { AddingAValueType, nameof(SettingsCatalogTests) },
        { "Adding a lint rule", nameof(RuleRegistrationTests) },
        { "Adding a lint rule", nameof(RuleTests) },
        { "Adding a command", nameof(CommandRegistrationTests) },
    };

    public static TheoryData<string> Sections() => ["Adding a stack", AddingAValueType, "Adding a lint rule", "Adding a command"];

    [Theory]
    [MemberData(nameof(Enforcers))]
    public void Each_section_names_the_tests_that_enforce_it(string section, string tests)
    {
        Assert.Contains($"`{tests}`", Text.Section(section), StringComparison.Ordinal);
    }

    /// <summary>Every repository path a section names exists, but for the example files a reader creates (stacks/Cache/).</summary>
    [Theory]
    [MemberData(nameof(Sections))]
    public void The_files_a_section_names_exist(string section)
    {
        var paths = RepositoryPath().Matches(Text.Section(section)).Select(m => m.Groups[1].Value)
            .Where(path => !path.StartsWith("stacks/Cache/", StringComparison.Ordinal))
            .Distinct()
            .ToArray();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(Path.Combine(Repository.Root, path)) || Directory.Exists(Path.Combine(Repository.Root, path)), $"README.md's '{section}' names {path}, which does not exist"));
    }

    /// <summary>Every `Type.Member` a section names is a member of that type (a renamed API fails here, not in a reader's build).</summary>
    [Theory]
    [MemberData(nameof(Sections))]
    public void The_members_a_section_names_exist(string section)
    {
        var types = new[] { typeof(Rule).Assembly, typeof(StackGenCli).Assembly, typeof(StackGen.Stacks.Organisation).Assembly, typeof(ContributorSectionTests).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsPublic || type.IsNestedPublic || type.Assembly == typeof(ContributorSectionTests).Assembly)
            .ToLookup(type => type.Name.Split('`')[0], StringComparer.Ordinal);
        var named = QualifiedMember().Matches(Text.Section(section)).Select(m => (Type: m.Groups[1].Value, Member: m.Groups[2].Value)).Distinct().ToArray();

        foreach (var (type, member) in named.Where(n => types.Contains(n.Type)))
        {
            Assert.True(
                types[type].Any(t => t.GetMember(member, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).Length > 0),
                $"README.md's '{section}' names {type}.{member}, which {type} does not have");
        }
    }

    /// <summary>The value type README shows is the code the suite builds and binds (SettingsCatalogTests binds it through a stack).</summary>
    [Fact]
    public void Adding_a_value_type_shows_the_code_the_suite_builds()
    {
        var block = Assert.Single(Text.Blocks(AddingAValueType), b => b.Language == "csharp");
        var copy = File.ReadAllText(Path.Combine(Repository.TestsDirectory, "Fixtures", "Readme", nameof(Percentage) + ".cs"));

        Assert.Contains($"`stacks/Cache/{nameof(Percentage)}.cs`", block.Before, StringComparison.Ordinal);
        Assert.Equal(CodeBlock.Usings(block.Text), CodeBlock.Usings(copy));
        Assert.Equal(CodeBlock.AfterNamespace(block.Text), CodeBlock.AfterNamespace(copy));
        Assert.True(Percentage.TryParse("80%", out var value) && value.ToString() == "80%");
        Assert.False(Percentage.TryParse("101%", out _));
    }

    [GeneratedRegex(@"`((?:src|stacks|tests)/[A-Za-z0-9_./-]+)`")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"`(?:[a-z]+\.)*([A-Z][A-Za-z0-9]*)(?:<[A-Za-z]+>)?\.([A-Z][A-Za-z0-9]*)")]
    private static partial Regex QualifiedMember();
}
