namespace StackGen.Stacks;

/// <summary>Lookup by name where a list may (by mistake) hold a name twice: the first one wins, as a scan would find.</summary>
public static class NameIndex
{
    public static Dictionary<string, T> Of<T>(IReadOnlyList<T> items, Func<T, string> name)
    {
        var byName = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            byName.TryAdd(name(item), item);
        }

        return byName;
    }
}
