using System.Text;
using System.Text.Json;
using k8s;

namespace StackGen.Emitting;

/// <summary>
/// The one place StackGen writes YAML. Objects are written in the conventional Kubernetes shape:
/// apiVersion, kind, metadata (name, namespace, labels, annotations) first, every other key in ordinal
/// order, block style with kubectl's unindented sequences, no nulls and no empty collections.
/// </summary>
public static class YamlEmitter
{
    private const string Separator = "---\n";

    // Keys written first, in this order, wherever they appear; all other keys follow in ordinal order.
    private static readonly string[] Leading = ["apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations"];

    // Empty objects that mean something ("give me an emptyDir", "select everything") and must survive.
    private static readonly HashSet<string> MeaningfulWhenEmpty = new(StringComparer.Ordinal) { "emptyDir", "podSelector", "namespaceSelector" };

    /// <summary>Every object as one multi-document YAML stream ("---" between documents).</summary>
    public static string Write(IEnumerable<object> objects)
    {
        var builder = new StringBuilder();
        foreach (var item in objects)
        {
            if (builder.Length > 0)
            {
                builder.Append(Separator);
            }

            WriteDocument(builder, item);
        }

        return builder.ToString();
    }

    /// <summary>One object as a single YAML document.</summary>
    public static string Write(object item)
    {
        var builder = new StringBuilder();
        WriteDocument(builder, item);
        return builder.ToString();
    }

    private static void WriteDocument(StringBuilder builder, object item)
    {
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(item));
        if (!WriteMapping(builder, document.RootElement, 0, firstLinePrefixed: false))
        {
            builder.Append("{}\n");
        }
    }

    /// <summary>Writes the mapping's entries; false when nothing was left to write.</summary>
    private static bool WriteMapping(StringBuilder builder, JsonElement mapping, int indent, bool firstLinePrefixed)
    {
        var first = true;
        foreach (var property in Ordered(mapping))
        {
            if (!(first && firstLinePrefixed))
            {
                builder.Append(' ', indent);
            }

            first = false;
            WriteKey(builder, property.Name);
            WriteValue(builder, property.Value, indent);
        }

        return !first;
    }

    private static void WriteSequence(StringBuilder builder, JsonElement sequence, int indent)
    {
        foreach (var item in sequence.EnumerateArray().Where(i => !IsEmpty(i, null)))
        {
            builder.Append(' ', indent).Append("- ");
            switch (item.ValueKind)
            {
                case JsonValueKind.Object:
                    WriteMapping(builder, item, indent + 2, firstLinePrefixed: true);
                    break;
                case JsonValueKind.Array:
                    builder.Append('\n');
                    WriteSequence(builder, item, indent + 2);
                    break;
                default:
                    WriteScalar(builder, item, indent + 2);
                    break;
            }
        }
    }

    private static void WriteValue(StringBuilder builder, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when !Ordered(value).Any():
                builder.Append(" {}\n");
                break;
            case JsonValueKind.Object:
                builder.Append('\n');
                WriteMapping(builder, value, indent + 2, firstLinePrefixed: false);
                break;
            case JsonValueKind.Array:
                builder.Append('\n');
                WriteSequence(builder, value, indent);
                break;
            default:
                builder.Append(' ');
                WriteScalar(builder, value, indent + 2);
                break;
        }
    }

    private static void WriteKey(StringBuilder builder, string key) =>
        builder.Append(YamlScalars.IsPlainSafe(key) ? key : YamlScalars.DoubleQuoted(key)).Append(':');

    private static void WriteScalar(StringBuilder builder, JsonElement value, int blockIndent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetString()!, blockIndent);
                break;
            case JsonValueKind.True:
                builder.Append("true\n");
                break;
            case JsonValueKind.False:
                builder.Append("false\n");
                break;
            case JsonValueKind.Number:
                builder.Append(value.GetRawText()).Append('\n');
                break;
            default:
                builder.Append("null\n");
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text, int blockIndent)
    {
        if (text.Length > 0 && YamlScalars.IsPlainSafe(text))
        {
            builder.Append(text).Append('\n');
            return;
        }

        if (!YamlScalars.IsLiteralSafe(text))
        {
            builder.Append(YamlScalars.DoubleQuoted(text)).Append('\n');
            return;
        }

        var body = text.TrimEnd('\n');
        var trailing = text.Length - body.Length;
        builder.Append('|');
        if (body.TrimStart('\n').StartsWith(' '))
        {
            builder.Append('2');
        }

        builder.Append(trailing switch { 0 => "-", 1 => "", _ => "+" }).Append('\n');
        foreach (var line in text[..(body.Length + Math.Max(0, trailing - 1))].Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', blockIndent).Append(line);
            }

            builder.Append('\n');
        }
    }

    private static IEnumerable<JsonProperty> Ordered(JsonElement mapping) =>
        mapping.EnumerateObject()
            .Where(p => !IsEmpty(p.Value, p.Name))
            .OrderBy(p => Array.IndexOf(Leading, p.Name) is var i && i >= 0 ? i : Leading.Length)
            .ThenBy(p => p.Name, StringComparer.Ordinal);

    private static bool IsEmpty(JsonElement value, string? key) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Array => !value.EnumerateArray().Any(i => !IsEmpty(i, null)),
        JsonValueKind.Object => (key is null || !MeaningfulWhenEmpty.Contains(key)) && !value.EnumerateObject().Any(p => !IsEmpty(p.Value, p.Name)),
        _ => false,
    };
}
