using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using StackGen.Objects;
using StackGen.Stacks;
using StackGen.Validation.Rules;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The custom-resource fixture: a stack that ships the CustomResourceDefinition of its Widgets (example.com/v1,
/// namespaced, with a status subresource) and Widgets of it, as a stack shipping an operator's CRDs would.
/// </summary>
public sealed class Gadgets : StackGen.Stacks.Stack<GadgetsSettings>
{
    public const string Group = "example.com";
    public const string ApiVersion = $"{Group}/v1";
    public const string WidgetKind = "Widget";
    public const string DefinitionName = $"widgets.{Group}";
    public const string ClassKind = "GadgetClass";
    private const string Component = "gadgets";

    // The lint rules that would refuse what these tests must get past lint to show apply doing (a custom resource that
    // does not match its definition's schema; one whose definition lint does not know). An annotation for a rule the
    // linter does not have is ignored.
    private const string SchemaMismatch = "SG1013";
    private const string UnknownKind = "SG1014";

    public override string Name => "gadgets";

    public override string Owner => "platform";

    public override string Description => "fixture: a CustomResourceDefinition and resources of it";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, GadgetsSettings settings)
    {
        if (settings.Definition)
        {
            yield return Definition(context, WidgetKind, "widgets", "Namespaced", settings.DeclareColour);
        }

        for (var i = 1; i <= settings.Widgets; i++)
        {
            yield return Widget(context, $"widget-{i}", settings);
        }

        if (settings.ClusterWide)
        {
            // The render cannot tell a cluster-scoped custom kind: it gives this one the environment's namespace too.
            yield return Definition(context, ClassKind, "gadgetclasses", "Cluster", declareColour: false);
            yield return new UntypedObject(ApiVersion, ClassKind, context.Metadata("standard", Component));
        }

        if (settings.Gizmo)
        {
            yield return new UntypedObject(ApiVersion, "Gizmo", Accepting(context.Metadata("gizmo", Component), UnknownKind, "fixture: a kind no definition defines, for apply to refuse"));
        }
    }

    private static V1CustomResourceDefinition Definition(StackContext context, string kind, string plural, string scope, bool declareColour) => new()
    {
        Metadata = context.Metadata($"{plural}.{Group}", Component),
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = scope,
            Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ListKind = $"{kind}List" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new JsonObject() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Properties = declareColour
                                        ? new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer", Minimum = 1 }, ["colour"] = new() { Type = "string" } }
                                        : new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer", Minimum = 1 } },
                                },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };

    private static UntypedObject Widget(StackContext context, string name, GadgetsSettings settings)
    {
        var metadata = context.Metadata(name, Component);
        if (!settings.Definition)
        {
            Accepting(metadata, UnknownKind, "fixture: the Widget definition is installed outside the render");
        }

        var spec = new JsonObject { ["size"] = settings.Size };
        if (settings.Colour is not null)
        {
            spec["colour"] = settings.Colour;
            if (!settings.DeclareColour)
            {
                Accepting(metadata, SchemaMismatch, "fixture: a field the definition does not declare, for apply to name");
            }
        }

        var widget = new UntypedObject(ApiVersion, WidgetKind, metadata);
        widget.Fields["spec"] = spec;
        return widget;
    }

    /// <summary>Accepts a lint finding on the object, with the reason, as a stack would (lint.stackgen.io/RULE).</summary>
    private static V1ObjectMeta Accepting(V1ObjectMeta metadata, string rule, string reason)
    {
        metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        metadata.Annotations[SuppressionsHaveReasons.AnnotationPrefix + rule] = reason;
        return metadata;
    }
}
