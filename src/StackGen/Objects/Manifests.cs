using System.Text.Json.Nodes;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Objects;

/// <summary>
/// Reads multi-document Kubernetes YAML written by someone else (helm's render of a chart, an upstream release manifest
/// or CRD bundle) into typed objects with <see cref="ObjectReader"/>, in document order. Every problem (invalid YAML, a
/// document that is not an object, an unknown field) is an input error located where the document came from; all are
/// collected and reported together.
/// </summary>
public static class Manifests
{
    private const string SourceComment = "# Source: ";

    /// <param name="locate">
    /// Where a position is: the document's "# Source:" comment (helm names the template that rendered it; null when
    /// there is none), and the line and column in <paramref name="text"/>.
    /// </param>
    /// <exception cref="InputException">Every problem, one line each.</exception>
    public static IReadOnlyList<ManifestObject> Read(string text, Func<string?, long, long, SourceLocation> locate)
    {
        var errors = new ErrorList();
        var objects = new List<ManifestObject>();
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || IsSeparator(lines[i]))
            {
                Document(lines[start..i], start, locate, objects, errors);
                start = i + 1;
            }
        }

        errors.ThrowIfAny();
        return objects;
    }

    // A line starting a document: "---" alone or before a comment or content (kubectl's and helm's splitting).
    private static bool IsSeparator(string line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3]));

    private static void Document(string[] lines, int offset, Func<string?, long, long, SourceLocation> locate, List<ManifestObject> objects, ErrorList errors)
    {
        var source = lines.FirstOrDefault(l => l.StartsWith(SourceComment, StringComparison.Ordinal))?[SourceComment.Length..].Trim();
        SettingNode? node;
        try
        {
            node = YamlLayerReader.Read(string.Join('\n', lines), (line, column) => locate(source, line + offset, column));
        }
        catch (InputException e)
        {
            errors.AddRange(e.Errors);
            return;
        }

        switch (node)
        {
            case null or ScalarNode { IsNull: true }:
                return;
            case MappingNode:
                // The located JSON of chart values serves any YAML: values as JSON, and where each was written.
                var located = ChartValues.From(node);
                if (located.Json["kind"] is JsonValue kind && kind.TryGetValue<string>(out var kindText) && kindText == "List" && located.Json["items"] is JsonArray items)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        Add(items[i] as JsonObject, $"/items/{i}", located, objects, errors);
                    }
                }
                else
                {
                    Add(located.Json, "", located, objects, errors);
                }

                return;
            default:
                errors.Add(node.Location, $"expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got {node.Describe()}");
                return;
        }
    }

    private static void Add(JsonObject? json, string at, ChartValues located, List<ManifestObject> objects, ErrorList errors)
    {
        var where = located.LocationOf(at)!;
        if (json is null)
        {
            errors.Add(where, "expected a Kubernetes object (a mapping with apiVersion, kind and metadata) in the List's items");
            return;
        }

        try
        {
            objects.Add(new ManifestObject(ObjectReader.Read(json), where));
        }
        catch (ObjectReadException e)
        {
            var kind = json["kind"] is JsonValue k && k.TryGetValue<string>(out var text) ? text : "object";
            var name = json["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var named) ? $"/{named}" : "";
            errors.Add((e.AtKey ? located.KeyLocationOf(at + e.JsonLocation) : located.LocationOf(at + e.JsonLocation)) ?? where, $"{kind}{name}: {e.Message}");
        }
    }
}
