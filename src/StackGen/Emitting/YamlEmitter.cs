using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    // Below this many objects, starting worker threads costs more than it saves.
    private const int ParallelThreshold = 64;

    // KubernetesClient's own serializer options (source-generated, AOT-safe), so objects serialize exactly as
    // KubernetesJson does, straight into a JsonDocument instead of through a string.
    private static readonly JsonSerializerOptions KubernetesOptions = CaptureKubernetesOptions();

    // Keys written first, in this order, wherever they appear; all other keys follow in ordinal order.
    private static readonly string[] Leading = ["apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations"];

    // Empty objects that mean something ("give me an emptyDir", "select everything") and must survive.
    private static readonly HashSet<string> MeaningfulWhenEmpty = new(StringComparer.Ordinal) { "emptyDir", "podSelector", "namespaceSelector" };

    /// <summary>
    /// Every object as one multi-document YAML stream ("---" between documents). An object is a typed
    /// <c>k8s.Models</c> object, or a <see cref="JsonNode"/>/<see cref="JsonElement"/> holding one (what apply,
    /// diff and history work on), so every YAML StackGen prints or sends comes from this writer.
    /// </summary>
    public static string Write(IEnumerable<object> objects)
    {
        // Documents are independent: large renders write them on every core, then join them in order.
        var items = objects.ToArray();
        var documents = new string[items.Length];
        if (items.Length < ParallelThreshold)
        {
            for (var i = 0; i < items.Length; i++)
            {
                documents[i] = Write(items[i]);
            }
        }
        else
        {
            Parallel.For(0, items.Length, i => documents[i] = Write(items[i]));
        }

        return string.Join(Separator, documents);
    }

    /// <summary>One object as a single YAML document.</summary>
    public static string Write(object item)
    {
        var builder = new StringBuilder(2048);
        WriteDocument(builder, item);
        return builder.ToString();
    }

    private static JsonSerializerOptions CaptureKubernetesOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesJson did not expose its serializer options");
    }

    private static void WriteDocument(StringBuilder builder, object item)
    {
        using var document = item switch
        {
            JsonElement element => JsonDocument.Parse(element.GetRawText()),
            JsonNode node => JsonDocument.Parse(node.ToJsonString()),
            _ => JsonSerializer.SerializeToDocument(item, KubernetesOptions.GetTypeInfo(item.GetType())),
        };
        if (Prune(document.RootElement, null) is PrunedMapping mapping)
        {
            WriteMapping(builder, mapping, 0, firstLinePrefixed: false);
        }
        else
        {
            builder.Append("{}\n");
        }
    }

    // The document without nulls and empty collections, keys in output order: built once, bottom-up, so the
    // writer never re-walks a subtree to ask whether it is empty.
    private abstract record Pruned;

    private sealed record PrunedMapping(List<KeyValuePair<string, Pruned>> Entries) : Pruned;

    private sealed record PrunedSequence(List<Pruned> Items) : Pruned;

    private sealed record PrunedScalar(JsonElement Value) : Pruned;

    private static Pruned? Prune(JsonElement value, string? key)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, Pruned>>();
                foreach (var property in value.EnumerateObject())
                {
                    if (Prune(property.Value, property.Name) is { } child)
                    {
                        entries.Add(new(property.Name, child));
                    }
                }

                if (entries.Count == 0 && (key is null || !MeaningfulWhenEmpty.Contains(key)))
                {
                    return null;
                }

                entries.Sort(static (a, b) => KeyOrder(a.Key, b.Key));
                return new PrunedMapping(entries);
            case JsonValueKind.Array:
                var items = new List<Pruned>();
                foreach (var element in value.EnumerateArray())
                {
                    if (Prune(element, null) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return items.Count == 0 ? null : new PrunedSequence(items);
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                return new PrunedScalar(value);
        }
    }

    private static int KeyOrder(string a, string b)
    {
        var rankA = Array.IndexOf(Leading, a);
        var rankB = Array.IndexOf(Leading, b);
        rankA = rankA < 0 ? Leading.Length : rankA;
        rankB = rankB < 0 ? Leading.Length : rankB;
        return rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(a, b);
    }

    private static void WriteMapping(StringBuilder builder, PrunedMapping mapping, int indent, bool firstLinePrefixed)
    {
        var first = true;
        foreach (var (key, value) in mapping.Entries)
        {
            if (!(first && firstLinePrefixed))
            {
                builder.Append(' ', indent);
            }

            first = false;
            WriteKey(builder, key);
            WriteValue(builder, value, indent);
        }
    }

    private static void WriteSequence(StringBuilder builder, PrunedSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            builder.Append(' ', indent).Append("- ");
            switch (item)
            {
                case PrunedMapping { Entries.Count: 0 }:
                    builder.Append("{}\n");
                    break;
                case PrunedMapping mapping:
                    WriteMapping(builder, mapping, indent + 2, firstLinePrefixed: true);
                    break;
                case PrunedSequence nested:
                    builder.Append('\n');
                    WriteSequence(builder, nested, indent + 2);
                    break;
                case PrunedScalar scalar:
                    WriteScalar(builder, scalar.Value, indent + 2);
                    break;
            }
        }
    }

    private static void WriteValue(StringBuilder builder, Pruned value, int indent)
    {
        switch (value)
        {
            case PrunedMapping { Entries.Count: 0 }:
                builder.Append(" {}\n");
                break;
            case PrunedMapping mapping:
                builder.Append('\n');
                WriteMapping(builder, mapping, indent + 2, firstLinePrefixed: false);
                break;
            case PrunedSequence sequence:
                builder.Append('\n');
                WriteSequence(builder, sequence, indent);
                break;
            case PrunedScalar scalar:
                builder.Append(' ');
                WriteScalar(builder, scalar.Value, indent + 2);
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
}
