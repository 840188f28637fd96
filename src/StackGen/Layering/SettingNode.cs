using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>A node of a settings tree read from a layer, with the position it was written at.</summary>
public abstract record SettingNode
{
    public required SourceLocation Location { get; init; }

    /// <summary>The node this one replaced when layers were merged (for provenance), if any.</summary>
    public SettingNode? Overrides { get; init; }

    /// <summary>What the node is, for messages such as "expected an integer, got a mapping".</summary>
    public abstract string Describe();
}
