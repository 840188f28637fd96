using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using StackGen.Cli;
using StackGen.Tests.Support;

namespace StackGen.Tests.Cli;

/// <summary>
/// README's "Adding a command", enforced: every command file (a static <c>*Command</c> class with
/// <c>Create(CliContext)</c>) is registered in the root command, its help shows an example, and the render flags are
/// declared once, in <see cref="RenderOptions"/>. A forgotten step fails here naming the class and the file to edit.
/// </summary>
public sealed partial class CommandRegistrationTests
{
    public const string RootFile = "src/StackGen.Cli/StackGenCli.cs";

    public static TheoryData<string> CommandClasses() =>
        [.. typeof(StackGenCli).Assembly.GetTypes()
            .Where(type => type.IsAbstract && type.IsSealed && type.Name.EndsWith("Command", StringComparison.Ordinal) && Create(type) is not null)
            .Select(type => type.Name)];

    private static MethodInfo? Create(Type type) =>
        type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(CliContext)]) is { } create && create.ReturnType == typeof(Command) ? create : null;

    [Theory]
    [MemberData(nameof(CommandClasses))]
    public void Every_command_is_registered_and_its_help_shows_an_example(string commandClass)
    {
        var type = typeof(StackGenCli).Assembly.GetTypes().Single(t => t.Name == commandClass);
        var command = (Command)Create(type)!.Invoke(null, [new CliContext(Renders.Catalog, TextWriter.Null, TextWriter.Null, Repository.Root)])!;

        var root = CliRun.In(Repository.Root, "--help");
        var help = CliRun.In(Repository.Root, command.Name, "--help");

        Assert.True(
            Regex.IsMatch(root.Out, $@"\n  {Regex.Escape(command.Name)}[ <]"),
            $"{commandClass} ('{command.Name}') is not a command of stackgen: add `{commandClass}.Create(io),` to the root command in {RootFile}");
        Assert.Equal(0, help.ExitCode);
        Assert.True(ExampleLine().IsMatch(help.Out), $"{commandClass}: its description shows no example (an `Examples:` block of `stackgen {command.Name} ...` lines)");
    }

    [Fact]
    public void The_render_flags_are_declared_once_in_RenderOptions()
    {
        var declaring = Directory.GetFiles(Path.Combine(Repository.Root, "src", "StackGen.Cli"), "*.cs")
            .Select(path => (File: Path.GetFileName(path), Count: Regex.Count(File.ReadAllText(path), "\"--env\"")))
            .Where(file => file.Count > 0)
            .ToArray();

        Assert.Equal([("RenderOptions.cs", 1)], declaring);
    }

    [GeneratedRegex(@"Examples?:\n\s+stackgen ")]
    private static partial Regex ExampleLine();
}
