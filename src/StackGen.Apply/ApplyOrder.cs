using StackGen.Rendering;

namespace StackGen.Apply;

/// <summary>
/// The render's order across stacks: install order of kinds first (namespaces, configuration, services,
/// storage, then workloads), then stacks after the stacks they reference, then kind and name.
/// </summary>
public sealed class ApplyOrder(IReadOnlyList<string> stackOrder) : IComparer<ObjectChange>
{
    public int Compare(ObjectChange? x, ObjectChange? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byKind = InstallOrder.Rank(x.Item.Kind).CompareTo(InstallOrder.Rank(y.Item.Kind));
        if (byKind != 0)
        {
            return byKind;
        }

        var byStack = StackRank(x.Stack).CompareTo(StackRank(y.Stack));
        if (byStack != 0)
        {
            return byStack;
        }

        var byKindName = string.CompareOrdinal(x.Item.Kind, y.Item.Kind);
        return byKindName != 0 ? byKindName : string.CompareOrdinal(x.Item.Name, y.Item.Name);
    }

    private int StackRank(string stack)
    {
        for (var i = 0; i < stackOrder.Count; i++)
        {
            if (stackOrder[i] == stack)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
