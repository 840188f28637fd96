using System.Text.Json;
using System.Text.Json.Nodes;
using StackGen.Tests.OpenApi;
using StackGen.Validation.Schemas;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>
/// Properties over valid custom resources of every kind in crds/ (examples.yaml, after the upstream documentation):
/// each passes, and breaking any one of its fields (a misspelt name, a value outside its enum) is found at that field's
/// path, whatever the field and however deep.
/// </summary>
public sealed class CustomResourceExampleTests
{
    private static readonly JsonObject[] Examples =
        [.. YamlToJson.Parse(File.ReadAllText(Path.Combine(Support.Repository.TestsDirectory, "Lint", "CustomResources", "examples.yaml"))).Cast<JsonObject>()];

    private static string Name(JsonObject example) => $"{example["apiVersion"]} {example["kind"]}/{example["metadata"]!["name"]}";

    [Fact]
    public void Every_kind_in_the_repository_has_an_example()
    {
        var kinds = DefinitionCatalog.RepositoryFiles.Select(f => f.Split('/')[1]).Distinct()
            .SelectMany(DefinitionCatalog.InRepository).Select(k => $"{k.Group}/{k.Kind}").Order(StringComparer.Ordinal);

        Assert.Equal(kinds, Examples.Select(e => $"{KubernetesGroups.Split((string)e["apiVersion"]!).Group}/{e["kind"]}").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_example_passes()
    {
        Assert.All(Examples, example => Assert.True(Crds.Problems(example.ToJsonString()).Length == 0, $"{Name(example)}: {string.Join("; ", Crds.Problems(example.ToJsonString()))}"));
    }

    [Fact]
    public void A_misspelling_of_any_field_of_any_example_is_found_at_its_path_with_the_field_it_meant()
    {
        var checkedFields = 0;
        foreach (var example in Examples)
        {
            foreach (var field in Fields(example, Schema(example), [], "").Where(f => f.Key is not null))
            {
                var broken = (JsonObject)example.DeepClone();
                var parent = (JsonObject)Follow(broken, field.Steps.Take(field.Steps.Count - 1));
                var value = parent[field.Key!]!;
                parent.Remove(field.Key!);
                parent[field.Key + "x"] = value.DeepClone();

                var problems = Crds.Problems(broken.ToJsonString());

                Assert.Contains($"{field.Path}x: unknown field; did you mean '{field.Key}'?", problems);
                checkedFields++;
            }
        }

        Assert.True(checkedFields > 100, $"only {checkedFields} fields in the examples");
    }

    [Fact]
    public void A_value_outside_the_enum_of_any_example_is_found_at_its_path()
    {
        var checkedValues = 0;
        foreach (var example in Examples)
        {
            foreach (var field in Fields(example, Schema(example), [], "").Where(f => f.Schema.Enum.Count > 0 && f.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            {
                var broken = (JsonObject)example.DeepClone();
                var parent = Follow(broken, field.Steps.Take(field.Steps.Count - 1));
                var last = field.Steps[^1];
                var wrong = JsonValue.Create(field.Value!.GetValue<string>() + "-wrong");
                if (last is int index)
                {
                    parent[index] = wrong;
                }
                else
                {
                    parent[(string)last] = wrong;
                }

                Assert.Contains(Crds.Problems(broken.ToJsonString()), p => p.StartsWith($"{field.Path}: the string \"{wrong}\" is not one of the allowed values", StringComparison.Ordinal));
                checkedValues++;
            }
        }

        Assert.True(checkedValues > 5, $"only {checkedValues} enum values in the examples");
    }

    private static JsonNode Follow(JsonNode root, IEnumerable<object> steps) =>
        steps.Aggregate(root, (node, step) => step is int i ? node[i]! : node[(string)step]!);

    private static StructuralSchema Schema(JsonObject example) => Crds.Schema((string)example["apiVersion"]!, (string)example["kind"]!);

    /// <summary>
    /// Every value in an example with the schema node that governs it: the steps from the root to it, its path as the
    /// validator writes it, and, for a field the schema names (not a map key or a list item), its key.
    /// </summary>
    private static IEnumerable<(IReadOnlyList<object> Steps, string Path, string? Key, JsonNode? Value, StructuralSchema Schema)> Fields(
        JsonNode? value, StructuralSchema schema, IReadOnlyList<object> steps, string path)
    {
        switch (value)
        {
            case JsonObject mapping:
                foreach (var (key, child) in mapping)
                {
                    if (path.Length == 0 && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    var named = schema.Properties.TryGetValue(key, out var property);
                    var childSchema = property ?? schema.AdditionalProperties;
                    if (childSchema is null)
                    {
                        continue;
                    }

                    var childPath = !named && !System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_-]*$")
                        ? $"{path}[{JsonSerializer.Serialize(key)}]"
                        : path.Length == 0 ? key : $"{path}.{key}";
                    if (named)
                    {
                        yield return ([.. steps, key], childPath, key, child, childSchema);
                    }

                    foreach (var field in Fields(child, childSchema, [.. steps, key], childPath))
                    {
                        yield return field;
                    }
                }

                break;
            case JsonArray list when schema.Items is { } items:
                for (var i = 0; i < list.Count; i++)
                {
                    yield return ([.. steps, i], $"{path}[{i}]", null, list[i], items);
                    foreach (var field in Fields(list[i], items, [.. steps, i], $"{path}[{i}]"))
                    {
                        yield return field;
                    }
                }

                break;
        }
    }
}
