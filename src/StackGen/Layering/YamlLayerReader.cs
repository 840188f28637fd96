using StackGen.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StackGen.Layering;

/// <summary>
/// Reads one YAML document into a <see cref="SettingNode"/> tree that keeps file:line:column for every node. Whatever
/// the text, the outcome is the tree or an <see cref="InputException"/> with a location, in time linear in the text.
/// </summary>
public static class YamlLayerReader
{
    /// <summary>
    /// How deep mappings and sequences may nest. Settings nest a handful of levels; stopping at the limit keeps a
    /// hostile file from exhausting the stack or the scanner (whose work per token grows with the depth).
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>How many values a document may hold with its aliases expanded (an alias repeats its anchor's whole value).</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>Reads a file; <paramref name="displayPath"/> is how locations name it (relative to the repository).</summary>
    public static SettingNode? ReadFile(string path, string displayPath) =>
        Read(LayerFile.ReadText(path, displayPath), (line, column) => SourceLocation.InFile(displayPath, line, column));

    /// <summary>Reads text; positions are mapped to locations by <paramref name="locate"/>.</summary>
    public static SettingNode? Read(string text, Func<long, long, SourceLocation> locate)
    {
        var reader = new Reader(new Parser(new StringReader(text)), locate);
        try
        {
            return reader.Document();
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var reason = message.Contains(')', StringComparison.Ordinal) ? message[(message.IndexOf(')', StringComparison.Ordinal) + 1)..].Trim(' ', ':') : message;
            if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndentation(text, e.Start.Line) is { } tab)
            {
                throw new InputException(locate(tab.Line, tab.Column), "invalid YAML: a tab in the indentation; indent with spaces, never tabs");
            }

            throw new InputException(locate(Math.Max(e.Start.Line, 1), Math.Max(e.Start.Column, 1)), $"invalid YAML: {reason}");
        }
    }

    /// <summary>
    /// Where a tab indents a line, from <paramref name="fromLine"/> on: YamlDotNet reports some tabs at 1:1 or at
    /// the end of the line before, while the user needs the line the tab is on.
    /// </summary>
    private static (long Line, long Column)? TabIndentation(string text, long fromLine)
    {
        var line = 1L;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var content = text.AsSpan()[range];
            var indentation = content.IndexOfAnyExcept(' ', '\t');
            var tab = content.IndexOf('\t');
            if (line >= fromLine && tab >= 0 && indentation > tab && content[indentation] != '#')
            {
                return (line, tab + 1);
            }

            line++;
        }

        return null;
    }

    /// <summary>One read of a document: the parser, the anchors seen so far and how many values they expand to.</summary>
    private sealed class Reader(Parser parser, Func<long, long, SourceLocation> locate)
    {
        private readonly Dictionary<string, (SettingNode Node, long Values)> _anchors = new(StringComparer.Ordinal);

        // The flow collections ('[' and '{') still open, innermost last: where an unclosed one is reported.
        private readonly List<(SourceLocation Location, char Opener)> _openFlows = [];
        private long _values;

        public SettingNode? Document()
        {
            Next();
            Expect<StreamStart>();
            if (Current is StreamEnd)
            {
                return null;
            }

            Expect<DocumentStart>();
            var (root, _) = Node(depth: 1);
            Expect<DocumentEnd>();
            if (Current is not StreamEnd)
            {
                throw new InputException(Here(), "a second YAML document; expected exactly one document per layer file, remove the '---' and what follows");
            }

            return root;
        }

        private ParsingEvent Current => parser.Current!;

        private SourceLocation Here() => locate(Current.Start.Line, Current.Start.Column);

        private void Expect<TEvent>()
            where TEvent : ParsingEvent
        {
            if (Current is not TEvent)
            {
                throw new InputException(Here(), $"invalid YAML: unexpected {Current.GetType().Name}");
            }

            Next();
        }

        /// <summary>
        /// Moves to the next event. YamlDotNet throws other exceptions than YamlException on some malformed input (an
        /// unclosed '[' or '{' before a new line throws InvalidOperationException from its scanner): the parser is a
        /// function of the user's text, so whatever it throws is a problem with the text, reported where it is.
        /// </summary>
        private void Next()
        {
            try
            {
                if (!parser.MoveNext())
                {
                    throw new InputException(locate(1, 1), "invalid YAML: the document ended early");
                }
            }
            catch (Exception e) when (e is not YamlException and not InputException)
            {
                if (_openFlows.Count > 0)
                {
                    var (location, opener) = _openFlows[^1];
                    throw new InputException(location, $"invalid YAML: '{opener}' is never closed; expected '{(opener == '[' ? ']' : '}')}' after its last item");
                }

                var at = parser.Current?.End ?? Mark.Empty;
                throw new InputException(locate(Math.Max(at.Line, 1), Math.Max(at.Column, 1)), $"invalid YAML: {e.Message.TrimEnd('.')}");
            }
        }

        /// <summary>The node at the current event and how many values it holds (aliases expanded).</summary>
        private (SettingNode Node, long Values) Node(int depth)
        {
            var location = Here();
            switch (Current)
            {
                case AnchorAlias alias:
                    Next();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new InputException(location, $"unknown alias '*{alias.Value.Value}'; expected an anchor defined earlier with '&{alias.Value.Value}'");
                    }

                    Count(target.Values, location);
                    return target;
                case Scalar scalar:
                    Next();
                    Count(1, location);
                    CheckText(scalar.Value, location);
                    return Anchored(scalar.Anchor, new ScalarNode { Text = scalar.Value, IsPlain = scalar.Style == ScalarStyle.Plain, Location = location }, 1);
                case SequenceStart sequenceStart:
                    return Anchored(sequenceStart.Anchor, Nested(depth, location, sequenceStart.Style == SequenceStyle.Flow ? '[' : null, () => Sequence(depth, location)));
                case MappingStart mappingStart:
                    return Anchored(mappingStart.Anchor, Nested(depth, location, mappingStart.Style == MappingStyle.Flow ? '{' : null, () => Mapping(depth, location)));
                default:
                    throw new InputException(location, $"invalid YAML: unexpected {Current.GetType().Name}");
            }
        }

        private (SettingNode Node, long Values) Nested(int depth, SourceLocation location, char? flow, Func<(SettingNode, long)> read)
        {
            if (depth > MaxDepth)
            {
                throw new InputException(location, $"nesting too deep: more than {MaxDepth} levels of mappings and sequences; expected settings a few levels deep");
            }

            if (flow is { } opener)
            {
                _openFlows.Add((location, opener));
            }

            Next();
            var nested = read();
            if (flow is not null)
            {
                _openFlows.RemoveAt(_openFlows.Count - 1);
            }

            return nested;
        }

        private (SettingNode, long) Sequence(int depth, SourceLocation location)
        {
            var items = new List<SettingNode>();
            var values = 1L;
            while (Current is not SequenceEnd)
            {
                var (item, itemValues) = Node(depth + 1);
                items.Add(item);
                values += itemValues;
            }

            Next();
            return (new SequenceNode { Items = items, Location = location }, values);
        }

        private (SettingNode, long) Mapping(int depth, SourceLocation location)
        {
            var mapping = MappingNode.Empty(location);
            var values = 1L;
            while (Current is not MappingEnd)
            {
                var keyLocation = Here();
                if (Node(depth + 1).Node is not ScalarNode { IsNull: false } key)
                {
                    throw new InputException(keyLocation, "a complex or empty mapping key; expected a plain name such as 'replicas'");
                }

                var (value, valueValues) = Node(depth + 1);
                if (mapping.Entry(key.Text) is { } first)
                {
                    throw new InputException(keyLocation, $"duplicate key '{key.Text}' (first written at {first.KeyLocation}); expected each key once, remove one of them");
                }

                mapping.Add(new MappingEntry(key.Text, keyLocation, value));
                values += 1 + valueValues;
            }

            Next();
            return (mapping, values);
        }

        private (SettingNode Node, long Values) Anchored(AnchorName anchor, SettingNode node, long values) => Anchored(anchor, (node, values));

        private (SettingNode Node, long Values) Anchored(AnchorName anchor, (SettingNode Node, long Values) read)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = read;
            }

            return read;
        }

        private void Count(long values, SourceLocation location)
        {
            _values += values;
            if (_values > MaxValues)
            {
                throw new InputException(location, $"too many values: more than {MaxValues} with aliases expanded; expected a layer file of settings (is an alias repeated in a loop of anchors?)");
            }
        }

        /// <summary>A double-quoted "\ud800" escape makes a lone surrogate, which is not a character and cannot be written out.</summary>
        private static void CheckText(string text, SourceLocation location)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    throw new InputException(location, $"a lone surrogate (U+{(int)text[i]:X4}) in a string; expected Unicode characters (write a character outside the BMP as one \\U escape, such as \"\\U0001F600\")");
                }
            }
        }
    }
}
