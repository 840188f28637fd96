using System.ComponentModel.DataAnnotations;

namespace StackGen.Tests.Fixtures.Stacks;

public sealed record GadgetsSettings
{
    /// <summary>Ship the Widget CustomResourceDefinition with the stack (false: the cluster must already serve Widgets).</summary>
    public bool Definition { get; init; } = true;

    /// <summary>How many Widgets (widget-1, widget-2, ...) the stack emits.</summary>
    [Range(0, 5)]
    public int Widgets { get; init; } = 1;

    [Range(1, 100)]
    public int Size { get; init; } = 1;

    /// <summary>Also ship a cluster-scoped kind, GadgetClass, and one GadgetClass.</summary>
    public bool ClusterWide { get; init; }

    /// <summary>A field the Widget definition does not declare, as a misspelling would put it (spec.colour); null: none.</summary>
    public string? Colour { get; init; }

    /// <summary>The Widget definition declares spec.colour (a new version of the definition, as an upgrade would bring).</summary>
    public bool DeclareColour { get; init; }

    /// <summary>Also emit a Gizmo, a kind no CustomResourceDefinition defines.</summary>
    public bool Gizmo { get; init; }
}
