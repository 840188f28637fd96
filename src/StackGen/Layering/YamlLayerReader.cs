using StackGen.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StackGen.Layering;

/// <summary>Reads one YAML document into a <see cref="SettingNode"/> tree that keeps file:line:column for every node.</summary>
public static class YamlLayerReader
{
    /// <summary>Reads a file; <paramref name="displayPath"/> is how locations name it (relative to the repository).</summary>
    public static SettingNode? ReadFile(string path, string displayPath) =>
        Read(File.ReadAllText(path), (line, column) => SourceLocation.InFile(displayPath, line, column));

    /// <summary>Reads text; positions are mapped to locations by <paramref name="locate"/>.</summary>
    public static SettingNode? Read(string text, Func<long, long, SourceLocation> locate)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SettingNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, locate, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var next = parser.Current!.Start;
                throw new InputException(locate(next.Line, next.Column), "a second YAML document; expected exactly one document per layer file, remove the '---' and what follows");
            }

            return root;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var reason = message.Contains(')', StringComparison.Ordinal) ? message[(message.IndexOf(')', StringComparison.Ordinal) + 1)..].Trim(' ', ':') : message;
            throw new InputException(locate(e.Start.Line, e.Start.Column), $"invalid YAML: {reason}");
        }
    }

    private static SettingNode ReadNode(IParser parser, Func<long, long, SourceLocation> locate, Dictionary<string, SettingNode> anchors)
    {
        var start = parser.Current!.Start;
        var location = locate(start.Line, start.Column);
        SettingNode node;
        string anchor;
        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new InputException(location, $"unknown alias '*{alias.Value.Value}'; expected an anchor defined earlier with '&{alias.Value.Value}'");
            case Scalar scalar:
                parser.MoveNext();
                anchor = scalar.Anchor.IsEmpty ? "" : scalar.Anchor.Value;
                node = new ScalarNode { Text = scalar.Value, IsPlain = scalar.Style == ScalarStyle.Plain, Location = location };
                break;
            case SequenceStart sequenceStart:
                parser.MoveNext();
                anchor = sequenceStart.Anchor.IsEmpty ? "" : sequenceStart.Anchor.Value;
                var items = new List<SettingNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, locate, anchors));
                }

                node = new SequenceNode { Items = items, Location = location };
                break;
            case MappingStart mappingStart:
                parser.MoveNext();
                anchor = mappingStart.Anchor.IsEmpty ? "" : mappingStart.Anchor.Value;
                var mapping = MappingNode.Empty(location);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyStart = parser.Current!.Start;
                    var keyLocation = locate(keyStart.Line, keyStart.Column);
                    if (ReadNode(parser, locate, anchors) is not ScalarNode { IsNull: false } key)
                    {
                        throw new InputException(keyLocation, "a complex or empty mapping key; expected a plain name such as 'replicas'");
                    }

                    var value = ReadNode(parser, locate, anchors);
                    if (mapping.ContainsKey(key.Text))
                    {
                        var first = mapping.Entry(key.Text)!.KeyLocation;
                        throw new InputException(keyLocation, $"duplicate key '{key.Text}' (first written at {first}); expected each key once, remove one of them");
                    }

                    mapping.Add(new MappingEntry(key.Text, keyLocation, value));
                }

                node = mapping;
                break;
            default:
                throw new InputException(location, $"unexpected YAML event {parser.Current!.GetType().Name}");
        }

        if (anchor.Length > 0)
        {
            anchors[anchor] = node;
        }

        return node;
    }
}
