using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Sets;
using StackGen.Stacks;

namespace StackGen.Apply;

/// <summary>
/// The namespace an apply targets: whether it is there (live, or rendered by a stack), and the Namespace that
/// `apply --create-namespace` creates when it is not. That Namespace belongs to no stack's ApplySet (it carries no
/// part-of label of one), so no prune ever deletes it with what it holds.
/// </summary>
public sealed class TargetNamespace(ResourceClient client, string ns)
{
    public ObjectRef Reference => new("v1", "Namespace", null, ns);

    /// <summary>True when the namespace is live, or a stack of the render creates it itself.</summary>
    public async Task<bool> ExistsAsync(IReadOnlyList<StackManifest> stacks, CancellationToken cancel) =>
        stacks.Any(s => s.Objects.Any(o => (string?)o["kind"] == "Namespace" && (string?)o["metadata"]?["name"] == ns))
        || await client.GetAsync(Reference, cancel).ConfigureAwait(false) is not null;

    /// <summary>The Namespace to create, with the labels every rendered object carries that do not name a stack.</summary>
    public JsonObject Manifest(string system) => new()
    {
        ["apiVersion"] = Reference.ApiVersion,
        ["kind"] = Reference.Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = ns,
            ["labels"] = new JsonObject
            {
                [StandardLabels.PartOf] = system,
                [StandardLabels.ManagedBy] = StandardLabels.Manager,
            },
        },
    };

    /// <summary>
    /// What applying into the namespace would do while it does not exist yet (a dry run of --create-namespace): the
    /// server cannot dry-run anything inside it, and nothing can live there, so every object is a creation and no set
    /// has a member to prune.
    /// </summary>
    public Plan Unborn(string environment, IReadOnlyList<StackManifest> stacks) =>
        new([.. stacks.Select(stack =>
            {
                var set = new ApplySet(environment, stack.Stack, ns);
                ObjectChange[] changes = [.. stack.Objects.Select(set.Member).Select(desired => new ObjectChange(stack.Stack, ObjectRef.Of(desired), desired, null, null, ChangeKind.Create))];
                return new StackPlan(set, stack, changes, new PruneDecision([], []), null, [], [], null);
            })],
            [],
            []);
}
