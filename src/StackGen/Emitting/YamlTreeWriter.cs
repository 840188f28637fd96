using System.Text;

namespace StackGen.Emitting;

/// <summary>
/// Writes one YAML document as the tree streams in: block style, kubectl's unindented sequences, strings through
/// <see cref="YamlScalars"/>. A mapping or sequence is opened lazily, when the first value inside it is written, so
/// an empty one costs nothing and never has to be taken back.
/// </summary>
public sealed class YamlTreeWriter(StringBuilder output) : TreeWriter
{
    private readonly List<Frame> _frames = [];
    private int _depth;
    private string? _key;

    public override void Key(string name) => _key = name;

    public override void StartMapping() => Push(isSequence: false);

    public override void StartSequence() => Push(isSequence: true);

    public override void EndMapping()
    {
        var frame = Pop();
        if (frame.Open)
        {
            return;
        }

        if (_depth == 0)
        {
            output.Append("{}\n");
        }
        else if (MeaningfulWhenEmpty(frame.Key))
        {
            OpenAll();
            WriteEntryStart(frame.Key!);
            output.Append(" {}\n");
        }
    }

    public override void EndSequence() => Pop();

    public override void Text(string? value)
    {
        if (value is null)
        {
            _key = null;
            return;
        }

        var blockIndent = StartScalar();
        if (value.Length > 0 && YamlScalars.IsPlainSafe(value))
        {
            output.Append(value).Append('\n');
        }
        else if (!YamlScalars.IsLiteralSafe(value))
        {
            output.Append(YamlScalars.DoubleQuoted(value)).Append('\n');
        }
        else
        {
            WriteLiteral(value, blockIndent);
        }
    }

    public override void Bool(bool value)
    {
        StartScalar();
        output.Append(value ? "true\n" : "false\n");
    }

    public override void RawNumber(string json)
    {
        StartScalar();
        output.Append(json).Append('\n');
    }

    private void Push(bool isSequence)
    {
        var parent = _depth > 0 ? _frames[_depth - 1] : null;
        if (_depth == _frames.Count)
        {
            _frames.Add(new Frame());
        }

        // Frames are reused by depth: a document opens thousands of containers, only a few deep.
        var frame = _frames[_depth++];
        frame.IsSequence = isSequence;
        frame.Key = _key;
        frame.InSequence = false;
        frame.FirstEntryInline = false;
        frame.Open = false;
        _key = null;
        if (parent is null)
        {
            frame.Indent = 0;
        }
        else if (parent.IsSequence)
        {
            // An item: "- " then its first key on the same line, or a nested sequence two columns in.
            frame.InSequence = true;
            frame.Indent = parent.Indent + 2;
            frame.FirstEntryInline = !isSequence;
        }
        else
        {
            // The value of a key: a mapping two columns in, a sequence at the key's own column (as kubectl writes it).
            frame.Indent = isSequence ? parent.Indent : parent.Indent + 2;
        }
    }

    private Frame Pop() => _frames[--_depth];

    // Opens every container that is not open yet, outermost first: the first value inside them is being written.
    private void OpenAll()
    {
        var first = _depth;
        while (first > 0 && !_frames[first - 1].Open)
        {
            first--;
        }

        for (var i = first; i < _depth; i++)
        {
            var frame = _frames[i];
            frame.Open = true;
            if (i == 0)
            {
                continue;
            }

            var parent = _frames[i - 1];
            if (frame.InSequence)
            {
                output.Append(' ', parent.Indent).Append("- ");
                if (frame.IsSequence)
                {
                    output.Append('\n');
                }
            }
            else
            {
                WriteEntryStart(frame.Key!, parent);
                output.Append('\n');
            }
        }
    }

    // "key:" at the mapping's indent, or straight after the "- " of a sequence item for its first key.
    private void WriteEntryStart(string key, Frame? mapping = null)
    {
        mapping ??= _frames[_depth - 1];
        if (mapping.FirstEntryInline)
        {
            mapping.FirstEntryInline = false;
        }
        else
        {
            output.Append(' ', mapping.Indent);
        }

        output.Append(YamlScalars.IsPlainSafe(key) ? key : YamlScalars.DoubleQuoted(key)).Append(':');
    }

    // Writes what comes before a scalar and returns the indent of a literal block's lines.
    private int StartScalar()
    {
        if (_depth == 0)
        {
            throw new NotSupportedException("a YAML document StackGen writes is a mapping, not a scalar");
        }

        OpenAll();
        var container = _frames[_depth - 1];
        if (container.IsSequence)
        {
            output.Append(' ', container.Indent).Append("- ");
            return container.Indent + 2;
        }

        WriteEntryStart(_key ?? throw new InvalidOperationException("a value in a mapping needs a key"));
        _key = null;
        output.Append(' ');
        return container.Indent + 2;
    }

    private void WriteLiteral(string text, int blockIndent)
    {
        var body = text.TrimEnd('\n');
        var trailing = text.Length - body.Length;
        output.Append('|');
        if (body.TrimStart('\n').StartsWith(' '))
        {
            output.Append('2');
        }

        output.Append(trailing switch { 0 => "-", 1 => "", _ => "+" }).Append('\n');
        foreach (var line in text[..(body.Length + Math.Max(0, trailing - 1))].Split('\n'))
        {
            if (line.Length > 0)
            {
                output.Append(' ', blockIndent).Append(line);
            }

            output.Append('\n');
        }
    }

    private sealed class Frame
    {
        public bool IsSequence { get; set; }

        // The key this container is the value of (null for an item or the document).
        public string? Key { get; set; }

        public bool InSequence { get; set; }

        // Column of the entries (mapping) or of the "- " (sequence).
        public int Indent { get; set; }

        public bool FirstEntryInline { get; set; }

        public bool Open { get; set; }
    }
}
