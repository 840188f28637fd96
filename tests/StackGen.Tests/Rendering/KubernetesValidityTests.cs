using StackGen.Tests.OpenApi;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>
/// What `render` prints is valid Kubernetes for the environment's version, judged by the official OpenAPI
/// spec: every document parses back, apiVersion/kind is served, required fields are set, no unknown fields.
/// </summary>
public sealed class KubernetesValidityTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_rendered_object_validates_against_the_openapi_spec(string environment)
    {
        var result = Renders.Render(environment);
        var schema = KubernetesSchema.Load(result.Environment.Target.KubernetesVersion);

        var documents = YamlToJson.Parse(Renders.Yaml(result));

        Assert.Equal(result.Objects.Count, documents.Count);
        Assert.Empty(documents.SelectMany(schema.Validate));
    }
}
