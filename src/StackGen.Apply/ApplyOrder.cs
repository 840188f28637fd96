using StackGen.Apply.Kube;
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

        var byStack = StackRank(stackOrder, x.Stack).CompareTo(StackRank(stackOrder, y.Stack));
        if (byStack != 0)
        {
            return byStack;
        }

        var byKindName = string.CompareOrdinal(x.Item.Kind, y.Item.Kind);
        return byKindName != 0 ? byKindName : string.CompareOrdinal(x.Item.Name, y.Item.Name);
    }

    /// <summary>
    /// True for kinds applied before any workload: namespaces, identities, configuration, services, storage (and
    /// definitions). A stack's pre-install/pre-upgrade hooks run after these and before the rest.
    /// </summary>
    public static bool PrecedesWorkloads(ObjectRef item) => InstallOrder.Rank(item.Kind) < InstallOrder.Rank("DaemonSet");

    /// <summary>A stack's place in <paramref name="stackOrder"/>; stacks not in it go last.</summary>
    public static int StackRank(IReadOnlyList<string> stackOrder, string stack)
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
