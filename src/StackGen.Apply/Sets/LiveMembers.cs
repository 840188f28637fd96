using System.Text.Json.Nodes;
using StackGen.Apply.Kube;

namespace StackGen.Apply.Sets;

/// <summary>
/// Finds a set's live members as KEP-3659 says to: list each kind the parent names (and any the caller adds), by the
/// set's part-of label, in the set's namespace and every additional namespace. Apply's pruning and delete share it, so
/// both agree on what a set owns.
/// </summary>
public static class LiveMembers
{
    /// <param name="definitions">Definitions the render ships: a kind they define and the cluster does not serve yet has no members.</param>
    /// <param name="errors">Receives a line per kind the parent lists that the cluster no longer serves.</param>
    public static async Task<List<JsonObject>> ListAsync(
        ResourceClient client, ApplySet set, IEnumerable<GroupKind> kinds, IEnumerable<string> namespaces, RenderedDefinitions definitions, List<string> errors, CancellationToken cancel)
    {
        string?[] inNamespaces = [.. namespaces.Append(set.Namespace).Distinct().Order(StringComparer.Ordinal)];
        var members = new List<JsonObject>();
        foreach (var kind in kinds.Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var type = await client.Types.ResolveAsync(kind, cancel).ConfigureAwait(false);
            if (type is null && definitions.Defines(kind))
            {
                // Its definition is in the render and not served yet: nothing of the kind can exist.
                continue;
            }

            if (type is null)
            {
                errors.Add($"{set.Parent} lists kind {kind}, which the cluster no longer serves; its members cannot be pruned (remove the kind from the {ApplySet.ContainsGroupKindsAnnotation} annotation once they are gone)");
                continue;
            }

            foreach (var inNamespace in type.Namespaced ? inNamespaces : [null])
            {
                members.AddRange(await client.ListAsync(type, inNamespace, $"{ApplySet.PartOfLabel}={set.Id}", cancel).ConfigureAwait(false));
            }
        }

        return members;
    }
}
