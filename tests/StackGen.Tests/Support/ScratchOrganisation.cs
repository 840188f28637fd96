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

    /// <summary>
    /// Edits environments/RELATIVE the way README shows an edit: <paramref name="snippet"/>'s lines that the file already
    /// has (in order) place the ones it lacks, which are inserted where they stand in the snippet. After an inserted
    /// line only the very next line of the file counts as the snippet's next line, so new keys stay together. A line
    /// `...` stands for the other entries of the mapping it is indented into: the line after it is looked for among
    /// them and, when missing, added after the last.
    /// </summary>
    public void Apply(string relative, string snippet)
    {
        var lines = File.ReadAllText(PathOf(relative)).TrimEnd('\n').Split('\n').ToList();
        var at = 0;
        var inserting = false;
        int? others = null;
        foreach (var line in snippet.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            if (line.Trim() == "...")
            {
                others = at;
                var indent = line.Length - line.TrimStart().Length;
                while (at < lines.Count && (lines[at].Trim().Length == 0 || lines[at].TrimStart().StartsWith('#') || lines[at].Length - lines[at].TrimStart().Length >= indent))
                {
                    at++;
                }

                continue;
            }

            var existing = others is { } start ? lines.FindIndex(start, at - start, l => l == line)
                : inserting ? (at < lines.Count && lines[at] == line ? at : -1)
                : lines.IndexOf(line, at);
            others = null;
            inserting = existing < 0;
            if (inserting)
            {
                lines.Insert(at++, line);
            }
            else
            {
                at = existing + 1;
            }
        }

        File.WriteAllText(PathOf(relative), string.Join('\n', lines) + "\n");
    }

    /// <summary>Deletes line <paramref name="number"/> (1-based) of environments/RELATIVE.</summary>
    public void RemoveLine(string relative, int number)
    {
        var lines = File.ReadAllLines(PathOf(relative)).ToList();
        lines.RemoveAt(number - 1);
        File.WriteAllText(PathOf(relative), string.Join('\n', lines) + "\n");
    }

    /// <summary>The same files with another set of stacks (a stack added the way README's "Adding a stack" adds one).</summary>
    public void UseCatalog(StackCatalog catalog) => Organisation = Organisation with { Catalog = catalog };

    public void Dispose() => _repository.Dispose();
}
