using System.Text.RegularExpressions;
using k8s.Models;
using StackGen.Emitting;
using StackGen.Rendering;
using StackGen.Stacks;
using StackGen.Stacks.Celery;
using StackGen.Stacks.ReadmeExample;
using StackGen.Tests.Support;

namespace StackGen.Tests.Docs;

/// <summary>
/// README's walkthrough and "Adding a stack", followed on a scratch copy of the organisation exactly as written (the
/// edits are read from README itself), must leave the organisation's checks green and do what README says they do.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string Walkthrough = "A five-minute walkthrough";
    private const string AddingAStack = "Adding a stack";
    private const string WalkthroughFile = "environments/production/platform.yaml";

    private static readonly Readme Text = Readme.Load();

    [Fact]
    public void The_walkthrough_edit_keeps_the_organisation_green_and_changes_what_README_says()
    {
        using var walkthrough = FollowWalkthrough();
        var (before, after) = (walkthrough.Before, walkthrough.After);
        var replicas = int.Parse(walkthrough.Sets["rabbitmq.replicas"], System.Globalization.CultureInfo.InvariantCulture);

        AssertOrganisationChecks(walkthrough.Copy.Organisation);
        Assert.Equal(replicas, after.Find<V1StatefulSet>("rabbitmq").Spec.Replicas);
        Assert.NotEqual(replicas, before.Find<V1StatefulSet>("rabbitmq").Spec.Replicas);

        // "# was 3 in environments/production.yaml"
        var was = WasComment().Match(walkthrough.Edit);
        var previous = before.Environment.Find("rabbitmq")!.Settings.Find("rabbitmq.replicas")!;
        Assert.Equal(was.Groups[1].Value, previous.Value);
        Assert.StartsWith(was.Groups[2].Value + ":", previous.Source.Text, StringComparison.Ordinal);

        // "The StatefulSet's replicas changes, and so does rabbitmq.conf's quorum-queue target size, and with it the
        // pod template's checksum/config annotation", and the alerts' node counts; the stacks that reference rabbitmq
        // list one URL per node.
        Assert.Contains($"target_group_size = {replicas}\n", after.Find<V1ConfigMap>("rabbitmq-config").Data["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.DoesNotContain($"target_group_size = {replicas}\n", before.Find<V1ConfigMap>("rabbitmq-config").Data["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.NotEqual(Checksum(before), Checksum(after));
        Assert.Equal(["ConfigMap/rabbitmq-config", "PrometheusRule/rabbitmq", "StatefulSet/rabbitmq"], Changed(before, after).Where(o => o.Stack == "rabbitmq").Select(o => o.Id).Order(StringComparer.Ordinal));
        var consumers = before.Dependencies.Where(d => d.Provider == "rabbitmq").Select(d => d.Consumer).ToHashSet(StringComparer.Ordinal);
        Assert.All(Changed(before, after), o => Assert.True(o.Stack == "rabbitmq" || consumers.Contains(o.Stack), $"{o.Id} of {o.Stack} changed"));
        var modules = after.Objects.Where(o => o.Resource is V1ConfigMap { Data: { } data } && data.ContainsKey(CeleryConfigModule.FileName)).ToArray();
        Assert.Equal(consumers.Order(StringComparer.Ordinal), modules.Select(o => o.Stack).Distinct().Order(StringComparer.Ordinal));
        Assert.All(modules, o => Assert.Equal(replicas, CeleryModules.BrokerNodes(((V1ConfigMap)o.Resource).Data[CeleryConfigModule.FileName]).Count()));
    }

    /// <summary>
    /// README: `dotnet test` then fails on exactly the goldens it names (those whose render the edit changes; the golden
    /// tests hold every golden to the render before it), which `bash tests/accept-snapshots` accepts.
    /// </summary>
    [Fact]
    public void The_walkthrough_edit_fails_exactly_the_goldens_README_names()
    {
        var accept = Text.Blocks(Walkthrough).Single(b => b.Text.Contains("bash tests/accept-snapshots", StringComparison.Ordinal));
        using var walkthrough = FollowWalkthrough();

        var differing = walkthrough.Before.Environment.Stacks.Select(s => s.Stack.Name)
            .Where(stack => Yaml(walkthrough.Before, stack) != Yaml(walkthrough.After, stack))
            .Select(stack => $"{stack}/{walkthrough.Before.Environment.Name}");

        var named = BacktickedWords().Matches(accept.Before).Select(m => m.Groups[1].Value).Where(w => Renders.Catalog.Find(w) is not null);
        Assert.Equal(named.Select(stack => $"{stack}/production").Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
    }

    /// <summary>Every `$ stackgen ...` transcript of the walkthrough prints what README shows, after README's edit ("(...)" elides).</summary>
    [Fact]
    public void The_walkthrough_transcripts_print_what_README_shows()
    {
        using var walkthrough = FollowWalkthrough();

        var transcripts = Text.Blocks(Walkthrough).Where(b => b.Language == "text" && b.Text.StartsWith("$ ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(transcripts);
        foreach (var transcript in transcripts)
        {
            var printed = new List<string>();
            var exit = 0;
            foreach (var line in transcript.Lines)
            {
                if (line.StartsWith("$ stackgen ", StringComparison.Ordinal))
                {
                    var run = walkthrough.Copy.Organisation.Cli(line["$ stackgen ".Length..].Split(' '));
                    exit = run.ExitCode;
                    printed.AddRange((run.Out + run.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }
                else if (line == "$ echo $?")
                {
                    printed.Add(exit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            var expected = transcript.Lines.Where(l => !l.StartsWith("$ stackgen ", StringComparison.Ordinal) && l != "$ echo $?").ToArray();
            Assert.True(
                expected.Length == printed.Count && expected.Zip(printed).All(pair => Regex.IsMatch(pair.Second, "^" + string.Join(".*", pair.First.Split("(...)").Select(Regex.Escape)) + "$")),
                $"README.md's transcript\n{transcript.Text}\nis not what stackgen prints after README's edit:\n{string.Join('\n', printed)}\nUpdate README.md's walkthrough to match.");
        }
    }

    /// <summary>Step 1: the code README shows is the code this project builds as <see cref="RedisCache"/>.</summary>
    [Fact]
    public void Adding_a_stack_shows_the_code_the_suite_builds()
    {
        var files = Text.Blocks(AddingAStack).Where(b => b.Language == "csharp").ToArray();

        Assert.Equal(2, files.Length);
        foreach (var block in files)
        {
            var path = SourcePath().Match(block.Before).Groups[1].Value;
            var copy = File.ReadAllText(Path.Combine(Repository.TestsDirectory, "Fixtures", "Readme", Path.GetFileName(path)));
            Assert.StartsWith("stacks/Cache/", path, StringComparison.Ordinal);
            Assert.Equal(CodeBlock.Usings(block.Text), CodeBlock.Usings(copy));
            Assert.Equal(CodeBlock.AfterNamespace(block.Text), CodeBlock.AfterNamespace(copy));
        }
    }

    /// <summary>
    /// Steps 2 to 4 on a scratch copy: the stack registered (in a catalog here; compiling stacks/Organisation.cs is the one
    /// step a test cannot take), the environment edits exactly as README shows them, and the organisation's checks pass.
    /// </summary>
    [Fact]
    public void Adding_a_stack_as_README_describes_keeps_the_organisation_green()
    {
        // A reader who has followed README already has a `cache` stack of their own: README's takes its place.
        var example = new RedisCache();
        using var copy = Renders.Shipped.Copy();
        copy.UseCatalog(new StackCatalog(Renders.Catalog.System, [.. Renders.Catalog.Stacks.Where(s => s.Name != example.Name), example]));

        var edits = Text.Blocks(AddingAStack).Where(b => b.Language == "yaml").ToArray();
        Assert.NotEmpty(edits);
        foreach (var edit in edits)
        {
            var targets = edit.Lines[0].TrimStart('#', ' ').Split(", ");
            foreach (var target in targets)
            {
                copy.Apply(Relative(target), string.Join('\n', edit.Lines.Skip(1)));
            }
        }

        AssertOrganisationChecks(copy.Organisation);
        var cases = OrganisationChecks.StackEnvironments(copy.Organisation).ToArray();
        Assert.Equal(copy.Organisation.Environments, cases.Where(c => c.Stack == example.Name).Select(c => c.Environment));
        Assert.All(copy.Organisation.Environments, environment => Assert.NotEmpty(copy.Organisation.Render(environment, stacks: [example.Name]).Objects));
    }

    /// <summary>
    /// README's walkthrough edit on a scratch copy of the organisation, and the environment's render before and after it.
    /// "Before" is the organisation without the values the edit sets: when a reader has followed the walkthrough, the
    /// file already has them (at the lines the engine says they come from), and they are taken out first.
    /// </summary>
    private static WalkthroughRun FollowWalkthrough()
    {
        var edit = Text.Blocks(Walkthrough).Single(b => b.Language == "yaml" && b.Before.Contains($"`{WalkthroughFile}`", StringComparison.Ordinal));
        var file = Relative(WalkthroughFile);
        var environment = file.Split('/')[0];
        var sets = SettingsSetBy(edit.Text);
        var copy = Renders.Shipped.Copy();
        var lines = sets.Keys
            .Select(path => copy.Organisation.Load(environment).Find(path.Split('.')[0])!.Settings.Find(path)!.Source.Text)
            .Select(source => SourceLine().Match(source))
            .Where(m => m.Success && m.Groups[1].Value == WalkthroughFile)
            .Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var line in lines.OrderDescending())
        {
            copy.RemoveLine(file, line);
        }

        var before = copy.Organisation.Render(environment);
        copy.Apply(file, edit.Text);
        return new WalkthroughRun(copy, edit.Text, sets, before, copy.Organisation.Render(environment));
    }

    /// <summary>The settings a README snippet of a layer file sets: `stacks: {rabbitmq: {replicas: 5}}` sets rabbitmq.replicas to 5.</summary>
    private static Dictionary<string, string> SettingsSetBy(string snippet)
    {
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new List<(int Indent, string Key)>();
        foreach (var match in snippet.Split('\n').Select(l => LayerLine().Match(l)).Where(m => m.Success))
        {
            var indent = match.Groups[1].Length;
            path.RemoveAll(p => p.Indent >= indent);
            path.Add((indent, match.Groups[2].Value));
            if (match.Groups[3].Length > 0)
            {
                Assert.Equal("stacks", path[0].Key);
                sets[string.Join('.', path.Skip(1).Select(p => p.Key))] = match.Groups[3].Value;
            }
        }

        return sets;
    }

    private static string Yaml(RenderResult result, string stack) =>
        string.Concat(result.Objects.Where(o => o.Stack == stack).Select(o => YamlEmitter.Write(o.Resource)));

    private static void AssertOrganisationChecks(TestOrganisation organisation)
    {
        OrganisationChecks.RendersEveryEnvironment(organisation);
        OrganisationChecks.LintsWithoutErrors(organisation);
        OrganisationChecks.DeploysEveryStackEverywhere(organisation);
        foreach (var environment in organisation.Environments)
        {
            OrganisationChecks.ValidatesAgainstOpenApi(organisation, environment);
        }
    }

    private static string Relative(string path)
    {
        Assert.StartsWith("environments/", path, StringComparison.Ordinal);
        return path["environments/".Length..];
    }

    private static IEnumerable<RenderedObject> Changed(RenderResult before, RenderResult after)
    {
        Assert.Equal(before.Objects.Select(o => o.Id), after.Objects.Select(o => o.Id));
        return after.Objects.Zip(before.Objects).Where(p => YamlEmitter.Write(p.First.Resource) != YamlEmitter.Write(p.Second.Resource)).Select(p => p.First);
    }

    private static string Checksum(RenderResult result) =>
        result.Find<V1StatefulSet>("rabbitmq").Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];

    [GeneratedRegex(@"^( *)([A-Za-z][\w.-]*):(?: +([^#\s][^#]*?))?\s*(?:#.*)?$")]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"# was (\S+) in (\S+)")]
    private static partial Regex WasComment();

    [GeneratedRegex(@"^(.+):(\d+):(\d+)$")]
    private static partial Regex SourceLine();

    private sealed record WalkthroughRun(ScratchOrganisation Copy, string Edit, IReadOnlyDictionary<string, string> Sets, RenderResult Before, RenderResult After) : IDisposable
    {
        public void Dispose() => Copy.Dispose();
    }

    [GeneratedRegex("`([a-z][a-z0-9-]*)`")]
    private static partial Regex BacktickedWords();

    [GeneratedRegex("`(stacks/[^`]+\\.cs)`")]
    private static partial Regex SourcePath();
}
