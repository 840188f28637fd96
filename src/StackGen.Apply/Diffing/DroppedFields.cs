using System.Text.Json.Nodes;

namespace StackGen.Apply.Diffing;

/// <summary>
/// The fields of what apply sends that the server's answer no longer has. For a custom resource, the API server
/// silently prunes every field its CustomResourceDefinition does not declare (a misspelt <c>spec.endpoint</c> for
/// <c>spec.endpoints</c> is accepted and thrown away); the live object then never has it and `diff` never shows it, so
/// apply names such fields instead. Objects compare key by key, lists item by item when their lengths match.
/// </summary>
public static class DroppedFields
{
    /// <returns>Paths such as <c>spec.endpoint</c> or <c>spec.rules[0].colour</c>, in the order sent.</returns>
    public static IReadOnlyList<string> Find(JsonObject sent, JsonObject answer)
    {
        var dropped = new List<string>();
        foreach (var (key, value) in sent)
        {
            // The server owns metadata's bookkeeping and the status; neither is what a stack asks for.
            if (key is not ("apiVersion" or "kind" or "metadata" or "status"))
            {
                Collect(value, answer[key], key, answer.ContainsKey(key), dropped);
            }
        }

        return dropped;
    }

    private static void Collect(JsonNode? sent, JsonNode? answer, string path, bool present, List<string> dropped)
    {
        if (!present)
        {
            dropped.Add(path);
            return;
        }

        switch (sent, answer)
        {
            case (JsonObject fields, JsonObject kept):
                foreach (var (key, value) in fields)
                {
                    Collect(value, kept[key], $"{path}.{key}", kept.ContainsKey(key), dropped);
                }

                break;
            case (JsonArray items, JsonArray keptItems) when items.Count == keptItems.Count:
                for (var i = 0; i < items.Count; i++)
                {
                    Collect(items[i], keptItems[i], $"{path}[{i}]", present: true, dropped);
                }

                break;
        }
    }
}
