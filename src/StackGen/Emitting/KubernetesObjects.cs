using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using StackGen.Objects;

namespace StackGen.Emitting;

/// <summary>
/// Walks a Kubernetes object into a <see cref="TreeWriter"/>: a typed <c>k8s.Models</c> object or a custom resource class
/// generated from <c>crds/</c> through the writers StackGen.Generators generates at compile time (one method per model
/// type, fields in key order, values as KubernetesClient's JSON serializer writes them), an <see cref="UntypedObject"/>,
/// or a <see cref="JsonNode"/>/<see cref="JsonElement"/> holding one.
/// No serializer, no reflection, no intermediate document.
/// </summary>
[KubernetesWriters(TreeWriter.LeadingKeys)]
public static partial class KubernetesObjects
{
    private static readonly Dictionary<Type, Action<TreeWriter, object>> Writers = AllWriters();

    /// <summary>
    /// Writes one object (a typed model, a JsonNode or a JsonElement) as a document. Model fields typed
    /// <c>object</c> (free-form JSON such as a CRD schema's default) come here too, with whatever they hold.
    /// </summary>
    public static void Write(TreeWriter writer, object item)
    {
        // Models first: a list kind is also enumerable, and must be written as the object it is.
        if (Writers.TryGetValue(item.GetType(), out var write))
        {
            write(writer, item);
            return;
        }

        switch (item)
        {
            case string text:
                writer.Text(text);
                break;
            case bool flag:
                writer.Bool(flag);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                writer.RawNumber(Convert.ToString(item, CultureInfo.InvariantCulture)!);
                break;
            case double or float or decimal:
                writer.Number(Convert.ToDouble(item, CultureInfo.InvariantCulture));
                break;
            case JsonNode node:
                WriteNode(writer, node);
                break;
            case JsonElement element:
                WriteElement(writer, element);
                break;
            case UntypedObject untyped:
                WriteUntyped(writer, untyped);
                break;
            case IDictionary map:
                writer.StartMapping();
                foreach (var key in TreeWriter.OrderedKeys(map.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!)))
                {
                    if (map[key] is { } entry)
                    {
                        writer.Key(key);
                        Write(writer, entry);
                    }
                }

                writer.EndMapping();
                break;
            case IEnumerable items:
                writer.StartSequence();
                foreach (var each in items)
                {
                    if (each is not null)
                    {
                        Write(writer, each);
                    }
                }

                writer.EndSequence();
                break;
            default:
                throw new NotSupportedException($"{item.GetType().FullName} is not something StackGen can write (a k8s.Models object, an UntypedObject, a JsonNode or a JsonElement)");
        }
    }

    /// <summary>The object as JSON, pruned and ordered as it is printed.</summary>
    public static JsonObject ToJson(object item)
    {
        var writer = new JsonTreeWriter();
        Write(writer, item);
        return writer.Result ?? throw new InvalidOperationException($"{item.GetType().Name} did not write a mapping");
    }

    private static partial Dictionary<Type, Action<TreeWriter, object>> CreateWriters();

    // The classes generated from crds/ (StackGen.Generators' CustomResourcesGenerator) are models like the built-ins.
    static partial void AddCustomResourceWriters(Dictionary<Type, Action<TreeWriter, object>> writers);

    private static Dictionary<Type, Action<TreeWriter, object>> AllWriters()
    {
        var writers = CreateWriters();
        AddCustomResourceWriters(writers);
        return writers;
    }

    // IntOrString: a number when its text parses as one, as KubernetesClient's converter writes it.
    private static void WriteIntOrString(TreeWriter writer, IntOrString value)
    {
        if (long.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            writer.Number(number);
        }
        else
        {
            writer.Text(value.Value);
        }
    }

    // RFC 3339 in UTC, with microseconds only when there is a fraction (KubernetesClient's DateTime converter).
    private static string Timestamp(DateTime value)
    {
        var utc = ((DateTimeOffset)value).ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    // apiVersion, kind and metadata from the object itself, so Fields cannot override what the renderer completed.
    private static void WriteUntyped(TreeWriter writer, UntypedObject untyped)
    {
        var keys = untyped.Fields.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata"));
        writer.StartMapping();
        writer.Key("apiVersion");
        writer.Text(untyped.ApiVersion);
        writer.Key("kind");
        writer.Text(untyped.Kind);
        writer.Key("metadata");
        Write(writer, untyped.Metadata);
        foreach (var key in TreeWriter.OrderedKeys(keys))
        {
            writer.Key(key);
            WriteNode(writer, untyped.Fields[key]);
        }

        writer.EndMapping();
    }

    private static void WriteNode(TreeWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject mapping:
                writer.StartMapping();
                foreach (var key in TreeWriter.OrderedKeys(mapping.Select(p => p.Key)))
                {
                    writer.Key(key);
                    WriteNode(writer, mapping[key]);
                }

                writer.EndMapping();
                break;
            case JsonArray sequence:
                writer.StartSequence();
                foreach (var item in sequence)
                {
                    WriteNode(writer, item);
                }

                writer.EndSequence();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                writer.Text(value.GetValue<string>());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                writer.RawNumber(value.ToJsonString());
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                writer.Bool(value.GetValue<bool>());
                break;
            default:
                writer.Text(null);
                break;
        }
    }

    private static void WriteElement(TreeWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.StartMapping();
                var properties = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var key in TreeWriter.OrderedKeys(properties.Keys))
                {
                    writer.Key(key);
                    WriteElement(writer, properties[key]);
                }

                writer.EndMapping();
                break;
            case JsonValueKind.Array:
                writer.StartSequence();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item);
                }

                writer.EndSequence();
                break;
            case JsonValueKind.String:
                writer.Text(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.RawNumber(element.GetRawText());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Bool(element.GetBoolean());
                break;
            default:
                writer.Text(null);
                break;
        }
    }
}
