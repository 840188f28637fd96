using System.Text.Json.Nodes;

namespace StackGen.Cli.Exporting;

/// <summary>
/// Changes to an object's annotations as an export writes it. Exports work on the object's JSON (a copy, as it is
/// printed), never on the render: the render stays what apply sends.
/// </summary>
public static class Annotations
{
    public static string? Get(JsonObject item, string key) => (string?)item["metadata"]?["annotations"]?[key];

    /// <summary>Sets the annotation, replacing any value the stack gave it.</summary>
    public static void Set(JsonObject item, string key, string value)
    {
        var metadata = item["metadata"] as JsonObject ?? throw new InvalidOperationException($"{item["kind"]} has no metadata");
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        annotations[key] = value;
    }

    /// <summary>Adds options to a comma-separated annotation (Argo CD's sync-options), after those the stack set, each once.</summary>
    public static void AddOptions(JsonObject item, string key, params string[] options)
    {
        var present = (Get(item, key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        present.AddRange(options.Where(o => !present.Contains(o, StringComparer.Ordinal)));
        Set(item, key, string.Join(',', present));
    }
}
