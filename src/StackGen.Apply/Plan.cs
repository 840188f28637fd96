using StackGen.Apply.Kube;

namespace StackGen.Apply;

/// <summary>
/// What an apply would do to every stack, learned from the server without changing anything; and what
/// stops it (field conflicts, objects the server rejects), found before the first write.
/// </summary>
public sealed record Plan(IReadOnlyList<StackPlan> Stacks, IReadOnlyList<(ObjectRef Item, FieldConflict Conflict)> Conflicts, IReadOnlyList<string> Errors)
{
    public bool CanApply => Conflicts.Count == 0 && Errors.Count == 0;

    /// <summary>
    /// One line per custom resource whose fields the cluster drops: they are applied, and thrown away. None while a
    /// definition of the render is about to change: the dry runs pruned by the old schemas (apply plans again after it).
    /// </summary>
    public IEnumerable<string> Warnings => Changes.Any(c => RenderedDefinitions.IsDefinition(c.Item) && c.Kind != ChangeKind.Unchanged)
        ? []
        : Changes.Where(c => c.Dropped.Count > 0).Select(c =>
        $"warning: {c.Item.Display} (stack {c.Stack}): the cluster drops {string.Join(", ", c.Dropped)}, which its CustomResourceDefinition does not declare (misspelt?); they are never applied");

    /// <summary>Every object change, in apply order (install order, then stack dependency order).</summary>
    public IEnumerable<ObjectChange> Changes => Stacks.SelectMany(s => s.Changes).OrderBy(c => c, new ApplyOrder([.. Stacks.Select(s => s.Set.Stack)]));
}
