using System.Text.Json.Nodes;
using StackGen.Layering;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>
/// A YAML tree (as the layer reader keeps it) as the JSON the API server would decode from it (scalars by
/// <see cref="ScalarNode.ToJsonValue"/>): how the engine read the crds/ files at run time before they were compiled in,
/// kept as the reference the compiled-in definitions are checked against (RepositoryDefinitionsTests).
/// </summary>
internal static class YamlJson
{
    public static JsonNode? From(SettingNode? node) => node switch
    {
        MappingNode mapping => Mapping(mapping),
        SequenceNode sequence => new JsonArray([.. sequence.Items.Select(From)]),
        ScalarNode scalar => scalar.ToJsonValue(),
        _ => null,
    };

    private static JsonObject Mapping(MappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var entry in mapping.Entries)
        {
            result[entry.Key] = From(entry.Value);
        }

        return result;
    }
}
