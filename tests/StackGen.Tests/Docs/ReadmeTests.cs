using System.Text.RegularExpressions;
using k8s.Models;
using StackGen.Emitting;
using StackGen.Rendering;
using StackGen.Stacks;
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
        var edit = Text.Blocks(Walkthrough).Single(b => b.Language == "yaml" && b.Before.Contains($"`{WalkthroughFile}`", StringComparison.Ordinal));
        var replicas = int.Parse(ReplicasLine().Match(edit.Text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var copy = Renders.Shipped.Copy();
        var before = copy.Organisation.Render("production");

        copy.Apply(Relative(WalkthroughFile), edit.Text);

        var after = copy.Organisation.Render("production");
        AssertOrganisationChecks(copy.Organisation);
        Assert.Equal(replicas, Find<V1StatefulSet>(after, "rabbitmq").Spec.Replicas);
        Assert.NotEqual(replicas, Find<V1StatefulSet>(before, "rabbitmq").Spec.Replicas);

        // "The StatefulSet's replicas changes, and so does rabbitmq.conf's quorum-queue target size, and with it the
        // pod template's checksum/config annotation"; the stacks that reference rabbitmq list one URL per node.
        Assert.Contains($"target_group_size = {replicas}\n", Find<V1ConfigMap>(after, "rabbitmq-config").Data["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.DoesNotContain($"target_group_size = {replicas}\n", Find<V1ConfigMap>(before, "rabbitmq-config").Data["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.NotEqual(Checksum(before), Checksum(after));
        var consumers = before.Dependencies.Where(d => d.Provider == "rabbitmq").Select(d => d.Consumer).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            [.. Changed(before, after).Where(o => o.Stack != "rabbitmq").Select(o => o.Id)],
            [.. after.Objects.Where(o => consumers.Contains(o.Stack) && o.Resource is V1Deployment d && BrokerUrls(d) is not null).Select(o => o.Id)]);
        Assert.All(after.Objects.Select(o => o.Resource).OfType<V1Deployment>().Select(BrokerUrls).OfType<string>(), urls => Assert.Equal(replicas, urls.Split(';').Length));
        Assert.Equal(["ConfigMap/rabbitmq-config", "StatefulSet/rabbitmq"], Changed(before, after).Where(o => o.Stack == "rabbitmq").Select(o => o.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>README: `dotnet test` then fails on exactly the goldens it names, which `bash tests/accept-snapshots` accepts.</summary>
    [Fact]
    public void The_walkthrough_edit_fails_exactly_the_goldens_README_names()
    {
        var blocks = Text.Blocks(Walkthrough);
        var edit = blocks.Single(b => b.Language == "yaml" && b.Before.Contains($"`{WalkthroughFile}`", StringComparison.Ordinal));
        var accept = blocks.Single(b => b.Text.Contains("bash tests/accept-snapshots", StringComparison.Ordinal));
        using var copy = Renders.Shipped.Copy();
        copy.Apply(Relative(WalkthroughFile), edit.Text);

        var differing = OrganisationChecks.StackEnvironments(copy.Organisation)
            .Where(c => File.ReadAllText(Path.Combine(Snapshot.GoldenDirectory, c.Stack, c.Environment + ".yaml")) != TestOrganisation.Yaml(copy.Organisation.Render(c.Environment, stacks: [c.Stack])))
            .Select(c => $"{c.Stack}/{c.Environment}");

        var named = BacktickedWords().Matches(accept.Before).Select(m => m.Groups[1].Value).Where(w => Renders.Catalog.Find(w) is not null);
        Assert.Equal(named.Select(stack => $"{stack}/production").Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
    }

    /// <summary>Every `$ stackgen ...` transcript of the walkthrough prints what README shows, after README's edit ("(...)" elides).</summary>
    [Fact]
    public void The_walkthrough_transcripts_print_what_README_shows()
    {
        var blocks = Text.Blocks(Walkthrough);
        var edit = blocks.Single(b => b.Language == "yaml" && b.Before.Contains($"`{WalkthroughFile}`", StringComparison.Ordinal));
        using var copy = Renders.Shipped.Copy();
        copy.Apply(Relative(WalkthroughFile), edit.Text);

        var transcripts = blocks.Where(b => b.Language == "text" && b.Text.StartsWith("$ ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(transcripts);
        foreach (var transcript in transcripts)
        {
            var printed = new List<string>();
            var exit = 0;
            foreach (var line in transcript.Lines)
            {
                if (line.StartsWith("$ stackgen ", StringComparison.Ordinal))
                {
                    var run = copy.Organisation.Cli(line["$ stackgen ".Length..].Split(' '));
                    exit = run.ExitCode;
                    printed.AddRange((run.Out + run.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }
                else if (line == "$ echo $?")
                {
                    printed.Add(exit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            var expected = transcript.Lines.Where(l => !l.StartsWith("$ stackgen ", StringComparison.Ordinal) && l != "$ echo $?").ToArray();
            Assert.Equal(expected.Length, printed.Count);
            Assert.All(expected.Zip(printed), pair => Assert.Matches("^" + string.Join(".*", pair.First.Split("(...)").Select(Regex.Escape)) + "$", pair.Second));
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
            Assert.Equal(Usings(block.Text), Usings(copy));
            Assert.Equal(AfterNamespace(block.Text), AfterNamespace(copy));
        }
    }

    /// <summary>
    /// Steps 2 to 4 on a scratch copy: the stack registered (in a catalog here; compiling stacks/Organisation.cs is the one
    /// step a test cannot take), the environment edits exactly as README shows them, and the organisation's checks pass.
    /// </summary>
    [Fact]
    public void Adding_a_stack_as_README_describes_keeps_the_organisation_green()
    {
        using var copy = Renders.Shipped.Copy();
        copy.UseCatalog(new StackCatalog(Renders.Catalog.System, [.. Renders.Catalog.Stacks, new RedisCache()]));

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
        Assert.Equal(copy.Organisation.Environments, cases.Where(c => c.Stack == "cache").Select(c => c.Environment));
        Assert.All(copy.Organisation.Environments, environment => Assert.NotEmpty(copy.Organisation.Render(environment, stacks: ["cache"]).Objects));
    }

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

    private static string? BrokerUrls(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []).FirstOrDefault(e => e.Name == "CELERY_BROKER_URL")?.Value;

    private static string Checksum(RenderResult result) =>
        Find<V1StatefulSet>(result, "rabbitmq").Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];

    private static T Find<T>(RenderResult result, string name)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> => result.Objects.Select(o => o.Resource).OfType<T>().Single(o => o.Metadata.Name == name);

    private static string[] Usings(string code) => [.. code.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal))];

    private static string AfterNamespace(string code)
    {
        var text = code.ReplaceLineEndings("\n");
        var at = text.IndexOf("\nnamespace ", StringComparison.Ordinal);
        Assert.True(at >= 0, "no namespace line");
        return text[(text.IndexOf('\n', at + 1) + 1)..].Trim();
    }

    [GeneratedRegex(@"^\s*replicas: (\d+)", RegexOptions.Multiline)]
    private static partial Regex ReplicasLine();

    [GeneratedRegex("`([a-z][a-z0-9-]*)`")]
    private static partial Regex BacktickedWords();

    [GeneratedRegex("`(stacks/[^`]+\\.cs)`")]
    private static partial Regex SourcePath();
}
