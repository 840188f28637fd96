using System.Text.Json.Nodes;
using StackGen.Apply.Diffing;
using StackGen.Apply.Kube;
using StackGen.Emitting;
using StackGen.Objects;

namespace StackGen.Apply;

/// <summary>
/// What applying one object would do, found by a server-side dry run: the object as sent (with the set's
/// label), as it lives now, and as the server would store it.
/// </summary>
public sealed record ObjectChange(string Stack, ObjectRef Item, JsonObject Desired, JsonObject? Live, JsonObject? DryRun, ChangeKind Kind)
{
    /// <summary>
    /// A custom resource whose kind the cluster does not serve yet: its CustomResourceDefinition is in the render and
    /// must be established before it can be dry-run or applied.
    /// </summary>
    public bool AwaitsDefinition { get; init; }

    /// <summary>The object's Helm hook (helm.sh/hook): apply runs it in a phase of its own; null for an ordinary object.</summary>
    public Hook? Hook { get; init; }

    /// <summary>
    /// A hook with the before-hook-creation delete policy whose live object of the same name must go before it is
    /// created anew: its content changed in a way the server refuses to patch (a Job's template), or its last run failed.
    /// </summary>
    public bool Recreate { get; init; }

    /// <summary>Fields of a custom resource the server drops (its definition does not declare them), as paths.</summary>
    public IReadOnlyList<string> Dropped { get; init; } = [];

    /// <summary>
    /// A unified YAML diff of the live object and the dry-run result, server noise removed; for an object awaiting
    /// its definition, which the server cannot dry-run yet, the object as it will be sent.
    /// </summary>
    public string Diff()
    {
        var before = Live is null ? "" : YamlEmitter.Write(ServerNoise.Strip(Live));
        var applied = DryRun ?? (AwaitsDefinition || Recreate ? Desired : null);
        var after = applied is null ? "" : YamlEmitter.Write(ServerNoise.Strip(applied));
        var name = $"{Item.Group}{(Item.Group.Length > 0 ? "." : "")}{Item.Version}.{Item.Kind}.{Item.Namespace ?? "-"}.{Item.Name}";
        return UnifiedDiff.Format(before, after, Live is null ? "/dev/null" : $"live/{name}", $"applied/{name}");
    }

    public static ChangeKind Compare(JsonObject? live, JsonObject dryRun) =>
        live is null ? ChangeKind.Create
            : YamlEmitter.Write(ServerNoise.Strip(live)) == YamlEmitter.Write(ServerNoise.Strip(dryRun)) ? ChangeKind.Unchanged
            : ChangeKind.Update;
}
