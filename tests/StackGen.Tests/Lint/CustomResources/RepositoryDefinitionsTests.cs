using System.Collections;
using System.Text.Json.Nodes;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Validation.Schemas;

namespace StackGen.Tests.Lint.CustomResources;

/// <summary>
/// The CRD definitions compiled into the engine (StackGen.Generators' compact JSON, without descriptions and CEL rule
/// texts) give lint exactly the schemas the crds/ files give when read as YAML, the simple way: every version, every
/// node, every keyword the validator reads.
/// </summary>
public sealed class RepositoryDefinitionsTests
{
    public static TheoryData<string> Files => [.. DefinitionCatalog.RepositoryFiles];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_compiled_in_definition_reads_as_the_yaml_file_does(string file)
    {
        var text = File.ReadAllText(Path.Combine(Support.Repository.Root, file));
        var json = (JsonObject)YamlJson.From(YamlLayerReader.Read(text, (line, column) => SourceLocation.InFile(file, line, column)))!;
        var reference = DefinitionCatalog.Read(json, file)!;

        var compiled = Assert.Single(DefinitionCatalog.InRepository(reference.Group), k => k.Source == file);

        Assert.Equal((reference.Group, reference.Kind), (compiled.Group, compiled.Kind));
        Assert.Equal(reference.Versions.Select(v => (v.Name, v.Served)), compiled.Versions.Select(v => (v.Name, v.Served)));
        foreach (var (expected, actual) in reference.Versions.Zip(compiled.Versions))
        {
            Assert.NotNull(expected.Schema);
            AssertSame(expected.Schema, actual.Schema, $"{file} {expected.Name}");
        }
    }

    [Fact]
    public void The_schema_keywords_compared_are_every_one_the_validator_reads()
    {
        // A keyword StructuralSchema gains is compared by AssertSame without a change here; this names what it compares.
        Assert.Contains(nameof(StructuralSchema.CelRules), Compared);
        Assert.Contains(nameof(StructuralSchema.Enum), Compared);
        Assert.Contains(nameof(StructuralSchema.HasDefault), Compared);
        Assert.DoesNotContain(nameof(StructuralSchema.PatternRegex), Compared);
    }

    private static readonly string[] Compared =
        [.. typeof(StructuralSchema).GetProperties().Select(p => p.Name).Where(n => n != nameof(StructuralSchema.PatternRegex))];

    // Every public property of the two schema trees, recursively (PatternRegex is Pattern compiled).
    private static void AssertSame(StructuralSchema? expected, StructuralSchema? actual, string at)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{at}: one schema is missing");
            return;
        }

        foreach (var name in Compared)
        {
            var property = typeof(StructuralSchema).GetProperty(name)!;
            var (left, right) = (property.GetValue(expected), property.GetValue(actual));
            var where = $"{at}.{name}";
            switch (left)
            {
                case StructuralSchema schema:
                    AssertSame(schema, right as StructuralSchema, where);
                    break;
                case IReadOnlyDictionary<string, StructuralSchema> properties:
                    var other = (IReadOnlyDictionary<string, StructuralSchema>)right!;
                    Assert.True(properties.Keys.SequenceEqual(other.Keys), $"{where}: {string.Join(", ", properties.Keys)} vs {string.Join(", ", other.Keys)}");
                    foreach (var (key, value) in properties)
                    {
                        AssertSame(value, other[key], $"{where}.{key}");
                    }

                    break;
                case IReadOnlyList<StructuralSchema> branches:
                    var otherBranches = (IReadOnlyList<StructuralSchema>)right!;
                    Assert.True(branches.Count == otherBranches.Count, $"{where}: {branches.Count} vs {otherBranches.Count}");
                    for (var i = 0; i < branches.Count; i++)
                    {
                        AssertSame(branches[i], otherBranches[i], $"{where}[{i}]");
                    }

                    break;
                case IReadOnlyList<JsonNode?> values:
                    var otherValues = (IReadOnlyList<JsonNode?>)right!;
                    Assert.True(
                        values.Count == otherValues.Count && values.Zip(otherValues).All(p => JsonNode.DeepEquals(p.First, p.Second) && p.First?.ToJsonString() == p.Second?.ToJsonString()),
                        $"{where}: {string.Join(", ", values.Select(v => v?.ToJsonString()))} vs {string.Join(", ", otherValues.Select(v => v?.ToJsonString()))}");
                    break;
                case IEnumerable list and not string:
                    Assert.True(list.Cast<object>().SequenceEqual(((IEnumerable)right!).Cast<object>()), where);
                    break;
                default:
                    Assert.True(Equals(left, right), $"{where}: {left} vs {right}");
                    break;
            }
        }
    }
}
