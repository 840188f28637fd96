using System.Text.Json.Nodes;
using StackGen.Apply.Diffing;
using StackGen.Apply.Kube;
using StackGen.Emitting;

namespace StackGen.Apply;

/// <summary>
/// What applying one object would do, found by a server-side dry run: the object as sent (with the set's
/// label), as it lives now, and as the server would store it.
/// </summary>
public sealed record ObjectChange(string Stack, ObjectRef Item, JsonObject Desired, JsonObject? Live, JsonObject? DryRun, ChangeKind Kind)
{
    /// <summary>A unified YAML diff of the live object and the dry-run result, server noise removed.</summary>
    public string Diff()
    {
        var before = Live is null ? "" : YamlEmitter.Write(ServerNoise.Strip(Live));
        var after = DryRun is null ? "" : YamlEmitter.Write(ServerNoise.Strip(DryRun));
        var name = $"{Item.Group}{(Item.Group.Length > 0 ? "." : "")}{Item.Version}.{Item.Kind}.{Item.Namespace ?? "-"}.{Item.Name}";
        return UnifiedDiff.Format(before, after, Live is null ? "/dev/null" : $"live/{name}", $"applied/{name}");
    }

    public static ChangeKind Compare(JsonObject? live, JsonObject dryRun) =>
        live is null ? ChangeKind.Create
            : YamlEmitter.Write(ServerNoise.Strip(live)) == YamlEmitter.Write(ServerNoise.Strip(dryRun)) ? ChangeKind.Unchanged
            : ChangeKind.Update;
}
