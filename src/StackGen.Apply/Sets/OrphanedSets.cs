using StackGen.Apply.Kube;
using StackGen.Stacks;

namespace StackGen.Apply.Sets;

/// <summary>
/// Stacks an environment deployed and no longer has: removing a stack from an environment file leaves its set on the
/// cluster (nothing prunes a whole set), so diff and apply say so and how to delete it instead of leaving it silently.
/// </summary>
public static class OrphanedSets
{
    /// <summary>The stacks whose set parents in <paramref name="ns"/> belong to <paramref name="environment"/> but are not in <paramref name="stacks"/>, sorted.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(ResourceClient client, string environment, string ns, IReadOnlyCollection<string> stacks, CancellationToken cancel)
    {
        var secrets = await client.Types.ResolveAsync("v1", "Secret", cancel).ConfigureAwait(false);
        var parents = await client.ListAsync(secrets, ns, $"{ApplySet.IdLabel},{StandardLabels.ManagedBy}={StandardLabels.Manager}", cancel).ConfigureAwait(false);
        return [.. parents
            .Where(parent => (string?)parent["metadata"]?["annotations"]?[ApplySet.EnvironmentAnnotation] == environment)
            .Select(parent => (Stack: (string?)parent["metadata"]?["labels"]?[ApplySet.StackLabel], Id: (string?)parent["metadata"]?["labels"]?[ApplySet.IdLabel]))
            .Where(parent => parent.Stack is not null && !stacks.Contains(parent.Stack) && parent.Id == new ApplySet(environment, parent.Stack, ns).Id)
            .Select(parent => parent.Stack!)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>What diff and apply print for an orphaned stack.</summary>
    public static string Warning(string stack, string environment, string ns) =>
        $"warning: stack {stack} is deployed in environment {environment} ({new ApplySet(environment, stack, ns).Parent}) but is no longer in the environment's stacks; its objects stay until `stackgen delete --env {environment} --stack {stack}`";
}
