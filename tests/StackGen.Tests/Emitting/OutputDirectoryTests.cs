using StackGen.Emitting;
using StackGen.Tests.Fixtures;

namespace StackGen.Tests.Emitting;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("stackgen-out-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(_root, "dev"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f)).Order(StringComparer.Ordinal);

    [Fact]
    public void Writes_one_file_per_object_under_env_and_stack()
    {
        var result = FixtureOrganisation.Organisation.Render("dev");

        OutputDirectory.Write(_root, "dev", result.Objects, []);

        Assert.Contains(Path.Combine("dev", "broker", "statefulset-broker.yaml"), Files());
        Assert.Equal(result.Objects.Count + 1, Files().Count()); // and the manifest, .stackgen-output
        Assert.Equal(
            YamlEmitter.Write(result.Objects.Single(o => o.Id == "StatefulSet/broker").Resource),
            File.ReadAllText(Path.Combine(_root, "dev", "broker", "statefulset-broker.yaml")));
    }

    [Fact]
    public void Files_of_removed_objects_disappear()
    {
        var result = FixtureOrganisation.Organisation.Render("dev");
        OutputDirectory.Write(_root, "dev", result.Objects, []);

        OutputDirectory.Write(_root, "dev", result.Objects.Where(o => o.Kind != "PodDisruptionBudget").ToArray(), []);

        Assert.DoesNotContain(Path.Combine("dev", "broker", "poddisruptionbudget-broker.yaml"), Files());
        Assert.Contains(Path.Combine("dev", "broker", "statefulset-broker.yaml"), Files());
    }

    [Fact]
    public void Leftovers_of_an_interrupted_run_are_cleaned_and_the_old_tree_was_intact()
    {
        var result = FixtureOrganisation.Organisation.Render("dev");
        OutputDirectory.Write(_root, "dev", result.Objects, []);
        var before = Files().ToArray();
        var leftover = Path.Combine(_root, ".dev.staging-99999");
        Directory.CreateDirectory(Path.Combine(leftover, "broker"));
        File.WriteAllText(Path.Combine(leftover, "broker", "half-written.yaml"), "apiVersion: v");

        Assert.Equal(before, Files());
        OutputDirectory.Write(_root, "dev", result.Objects, []);

        Assert.False(Directory.Exists(leftover));
        Assert.Equal(before, Files());
        Assert.Equal(["dev"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Rendering_some_stacks_keeps_the_other_stacks_files()
    {
        var result = FixtureOrganisation.Organisation.Render("dev");
        OutputDirectory.Write(_root, "dev", result.Objects, []);
        var before = Files().ToArray();
        var first = result.Objects[0].Stack;

        OutputDirectory.Write(_root, "dev", result.Objects.Where(o => o.Stack == first).ToArray(), [first]);

        Assert.Equal(before, Files());
    }
}
