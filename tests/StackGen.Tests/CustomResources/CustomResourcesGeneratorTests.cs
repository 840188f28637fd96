using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StackGen.Generators;

namespace StackGen.Tests.CustomResources;

/// <summary>
/// CustomResourcesGenerator run as the compiler runs it, over CRD files written here: what it maps, and a construct it
/// cannot map failing the build with an error at the file and line that names the construct's JSON path.
/// </summary>
public sealed class CustomResourcesGeneratorTests
{
    private const string Path = "/repo/crds/example.com/v1.0.0/example.com_widgets.yaml";

    [Fact]
    public void Each_schema_construct_becomes_its_CSharp_type()
    {
        var (sources, diagnostics) = Run(Crd("""
            properties:
              size:
                type: integer
                format: int32
              ratio:
                type: number
              colour:
                type: string
                enum: [red, Red, "", "*", "v1.0"]
              port:
                x-kubernetes-int-or-string: true
                anyOf:
                - type: integer
                - type: string
              extra:
                type: object
                x-kubernetes-preserve-unknown-fields: true
              tags:
                type: array
                items:
                  type: string
              labels:
                type: object
                additionalProperties:
                  type: string
              parts:
                type: array
                items:
                  type: object
                  required: [name]
                  properties:
                    name:
                      description: The part's <name> & more.
                      type: string
                    keep_for:
                      type: boolean
            required: [size]
            """));

        Assert.Empty(diagnostics);
        var widget = Assert.Single(sources, s => s.HintName.Contains("example.com_widgets", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("namespace StackGen.CustomResources.Example.V1", widget, StringComparison.Ordinal);
        Assert.Contains("[global::k8s.Models.KubernetesEntity(Group = \"example.com\", Kind = \"Widget\", ApiVersion = \"v1\", PluralName = \"widgets\")]", widget, StringComparison.Ordinal);
        Assert.Contains("public required int Size { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public double? Ratio { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::StackGen.CustomResources.Example.V1.WidgetSpecColour? Colour { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::k8s.Models.IntOrString? Port { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::System.Text.Json.Nodes.JsonNode? Extra { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.IList<string>? Tags { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.IDictionary<string, string>? Labels { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.IList<global::StackGen.CustomResources.Example.V1.WidgetSpecParts>? Parts { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public required string Name { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("public bool? KeepFor { get; set; }", widget, StringComparison.Ordinal);
        Assert.Contains("/// The part's &lt;name&gt; &amp; more.", widget, StringComparison.Ordinal);

        // Each enum member writes the exact schema value, whatever its C# name; a value already PascalCase keeps its spelling.
        Assert.Contains(".WidgetSpecColour.Red => \"Red\",", widget, StringComparison.Ordinal);
        Assert.Contains(".WidgetSpecColour.red => \"red\",", widget, StringComparison.Ordinal);
        Assert.Contains(".WidgetSpecColour.Empty => \"\",", widget, StringComparison.Ordinal);
        Assert.Contains(".WidgetSpecColour.Any => \"*\",", widget, StringComparison.Ordinal);
        Assert.Contains(".WidgetSpecColour.V1_0 => \"v1.0\",", widget, StringComparison.Ordinal);
        Assert.DoesNotContain("Status", widget, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type: array", "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.broken.items", "an array needs items")]
    [InlineData("$ref: '#/definitions/Other'", "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.broken.$ref", "$ref is not allowed")]
    [InlineData("description: no type", "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.broken", "no type")]
    [InlineData("type: number\nenum: [1.5]", "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.broken.type", "an enum of type 'number' cannot be typed")]
    [InlineData("type: object\nx-kubernetes-embedded-resource: true", "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.broken.x-kubernetes-embedded-resource", "embedded Kubernetes objects")]
    public void A_construct_it_cannot_map_fails_the_build_at_its_file_line_and_json_path(string broken, string jsonPath, string problem)
    {
        var (sources, diagnostics) = Run(Crd($"""
            properties:
              fine:
                type: string
              broken:
            {Indent(broken, 4)}
            """));

        var error = Assert.Single(diagnostics);
        Assert.Equal(("SG9101", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.Equal(Path, error.Location.GetLineSpan().Path);
        Assert.Equal(29, error.Location.GetLineSpan().StartLinePosition.Line + 1); // where the broken schema starts
        Assert.StartsWith(jsonPath + ": " + problem, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(sources, s => s.HintName.Contains("example.com_widgets", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_a_CRD_is_an_error_naming_it()
    {
        var (_, diagnostics) = Run("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");

        var error = Assert.Single(diagnostics);
        Assert.Equal(Path, error.Location.GetLineSpan().Path);
        Assert.Contains("expected a CustomResourceDefinition", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // A Widget CRD with one served version whose spec has the given properties (indented to sit under spec:).
    private static string Crd(string spec) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
            plural: widgets
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  apiVersion:
                    type: string
                  metadata:
                    type: object
                  spec:
                    type: object
        {Indent(spec, 12)}
                  status:
                    type: object
                    x-kubernetes-embedded-resource: true
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => new string(' ', spaces) + line));

    private static (ImmutableArray<GeneratedSourceResult> Sources, ImmutableArray<Diagnostic> Diagnostics) Run(string crd)
    {
        var compilation = CSharpCompilation.Create("Test", [], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var driver = CSharpGeneratorDriver.Create([new CustomResourcesGenerator().AsSourceGenerator()], [new Text(Path, crd)]);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (result.GeneratedSources, result.Diagnostics);
    }

    private sealed class Text(string path, string content) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(content);
    }
}
