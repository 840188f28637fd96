using StackGen.Layering;
using StackGen.Stacks;

namespace StackGen.Tests.Support;

/// <summary>A throw-away copy of an organisation's environments/, edited by a test the way a user edits the files.</summary>
public sealed class ScratchOrganisation : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public ScratchOrganisation(TestOrganisation source)
    {
        var environments = Path.Combine(source.Root, RepositoryRoot.EnvironmentsDirectory);
        foreach (var file in Directory.EnumerateFiles(environments, "*.yaml", SearchOption.AllDirectories))
        {
            _repository.With(Path.GetRelativePath(environments, file), File.ReadAllText(file));
        }

        Organisation = source with { Root = _repository.Root };
    }

    public TestOrganisation Organisation { get; private set; }

    /// <summary>Writes environments/RELATIVE.</summary>
    public ScratchOrganisation With(string relative, string yaml)
    {
        _repository.With(relative, yaml);
        return this;
    }

    public string PathOf(string relative) => Path.Combine(_repository.Root, RepositoryRoot.EnvironmentsDirectory, relative);

    /// <summary>Inserts <paramref name="lines"/> right after the first line of environments/RELATIVE equal to <paramref name="after"/>.</summary>
    public void InsertAfter(string relative, string after, string lines)
    {
        var text = File.ReadAllLines(PathOf(relative)).ToList();
        var at = text.IndexOf(after);
        Assert.True(at >= 0, $"environments/{relative} has no line '{after}'");
        text.InsertRange(at + 1, lines.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        File.WriteAllText(PathOf(relative), string.Join('\n', text) + "\n");
    }

    /// <summary>The same files with another set of stacks (a stack added the way README's "Adding a stack" adds one).</summary>
    public void UseCatalog(StackCatalog catalog) => Organisation = Organisation with { Catalog = catalog };

    public void Dispose() => _repository.Dispose();
}
