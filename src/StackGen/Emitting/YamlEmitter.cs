using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>
    /// Every object as one multi-document YAML stream ("---" between documents). An object is a typed
    /// <c>k8s.Models</c> object, or a <see cref="JsonNode"/>/<see cref="JsonElement"/> holding one (what apply,
    /// diff and history work on), so every YAML StackGen prints or sends comes from this writer.
    /// </summary>
    public static string Write(IEnumerable<object> objects)
    {
        var items = objects.ToArray();
        if (items.Length < ParallelThreshold)
        {
            return Write(items, 0, items.Length);
        }

        // Documents are independent: a large render writes contiguous slices on every core, then joins them in order.
        var slices = new string[Math.Min(Environment.ProcessorCount * 4, items.Length)];
        Parallel.For(0, slices.Length, slice =>
        {
            var start = (int)((long)items.Length * slice / slices.Length);
            var end = (int)((long)items.Length * (slice + 1) / slices.Length);
            slices[slice] = Write(items, start, end);
        });
        return string.Join(Separator, slices);
    }

    /// <summary>One object as a single YAML document.</summary>
    public static string Write(object item) => Write([item], 0, 1);

    private static string Write(object[] items, int start, int end)
    {
        var builder = new StringBuilder(2048 * (end - start));
        var writer = new YamlTreeWriter(builder);
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                builder.Append(Separator);
            }

            KubernetesObjects.Write(writer, items[i]);
        }

        return builder.ToString();
    }
}
