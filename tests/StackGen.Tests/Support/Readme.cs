namespace StackGen.Tests.Support;

/// <summary>README.md's sections and fenced code blocks, so tests can hold README to what the repository does.</summary>
public sealed class Readme
{
    private readonly string[] _lines;

    private Readme(string text) => _lines = text.ReplaceLineEndings("\n").Split('\n');

    public static Readme Load() => new(File.ReadAllText(Path.Combine(Repository.Root, "README.md")));

    /// <summary>The whole text of the section headed `## TITLE` (up to the next `## `), prose and code.</summary>
    public string Section(string title)
    {
        var start = Array.IndexOf(_lines, "## " + title);
        Assert.True(start >= 0, $"README.md has no section '## {title}'");
        return string.Join('\n', _lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)));
    }

    /// <summary>The fenced blocks of the section headed `## TITLE` (up to the next `## `), in order.</summary>
    public IReadOnlyList<CodeBlock> Blocks(string title)
    {
        var start = Array.IndexOf(_lines, "## " + title);
        Assert.True(start >= 0, $"README.md has no section '## {title}'");
        var blocks = new List<CodeBlock>();
        var prose = new List<string>();
        for (var i = start + 1; i < _lines.Length && !_lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var line = _lines[i].TrimStart();
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                prose.Add(line);
                continue;
            }

            var indent = _lines[i].Length - line.Length;
            var body = new List<string>();
            for (i++; !_lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(_lines[i].Length >= indent ? _lines[i][indent..] : _lines[i].TrimStart());
            }

            var paragraph = prose.AsEnumerable().Reverse().SkipWhile(string.IsNullOrEmpty).TakeWhile(l => l.Length > 0).Reverse();
            blocks.Add(new CodeBlock(line[3..].Trim(), string.Join('\n', body), string.Join('\n', paragraph)));
            prose.Clear();
        }

        return blocks;
    }
}
