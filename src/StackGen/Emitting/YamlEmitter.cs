using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackGen.Parallelism;

namespace StackGen.Emitting;

/// <summary>
/// The one place StackGen writes YAML. Objects are written in the conventional Kubernetes shape:
/// apiVersion, kind, metadata (name, namespace, labels, annotations) first, every other key in ordinal
/// order, block style with kubectl's unindented sequences, no nulls and no empty collections.
/// </summary>
public static class YamlEmitter
{
    private const string Separator = "---\n";

    /// <summary>
    /// Every object as one multi-document YAML stream ("---" between documents). An object is a typed
    /// <c>k8s.Models</c> object, or a <see cref="JsonNode"/>/<see cref="JsonElement"/> holding one (what apply,
    /// diff and history work on), so every YAML StackGen prints or sends comes from this writer.
    /// </summary>
    public static string Write(IEnumerable<object> objects)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(objects, text);
        return text.ToString();
    }

    /// <summary>
    /// The same stream written to <paramref name="output"/> as it is produced, without building it as one string
    /// first (a large render is megabytes of YAML; see bench/README.md).
    /// </summary>
    public static void Write(IEnumerable<object> objects, TextWriter output)
    {
        var items = objects.ToArray();

        // Documents are independent: a large render writes contiguous slices on every core, then copies them out in
        // order. A small one is a single slice on this thread.
        var count = items.Length < InOrder.ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount * 4, items.Length);
        var slices = InOrder.Map(
            Enumerable.Range(0, count).ToArray(),
            slice => Write(items, (int)((long)items.Length * slice / count), (int)((long)items.Length * (slice + 1) / count)),
            items.Length);
        for (var slice = 0; slice < slices.Length; slice++)
        {
            if (slice > 0)
            {
                output.Write(Separator);
            }

            foreach (var chunk in slices[slice].GetChunks())
            {
                output.Write(chunk.Span);
            }
        }
    }

    /// <summary>One object as a single YAML document.</summary>
    public static string Write(object item) => Write([item], 0, 1).ToString();

    // A StringBuilder grows in chunks of at most 8,000 characters and never copies: no large-object-heap buffers.
    private static StringBuilder Write(object[] items, int start, int end)
    {
        var builder = new StringBuilder(8000);
        var writer = new YamlTreeWriter(builder);
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                builder.Append(Separator);
            }

            KubernetesObjects.Write(writer, items[i]);
        }

        return builder;
    }
}
