namespace StackGen.Emitting;

/// <summary>
/// A JSON-shaped tree written depth-first (<see cref="KubernetesObjects"/> drives it), with StackGen's pruning built
/// in: a null drops its key, and a mapping or sequence that ends up with nothing in it is left out, except the empty
/// objects that mean something (<see cref="MeaningfulWhenEmpty"/>). So the callers write every field they have and
/// never look ahead to ask whether a subtree is empty.
/// </summary>
public abstract class TreeWriter
{
    /// <summary>Keys written first, in this order, wherever they appear; all other keys follow in ordinal order.</summary>
    public const string LeadingKeys = "apiVersion,kind,metadata,name,namespace,labels,annotations";

    private static readonly string[] Leading = LeadingKeys.Split(',');

    // Empty objects that mean something ("give me an emptyDir", "select everything") and must survive.
    private static readonly HashSet<string> Meaningful = new(StringComparer.Ordinal) { "emptyDir", "podSelector", "namespaceSelector" };

    /// <summary>The key of the next value in the current mapping.</summary>
    public abstract void Key(string name);

    public abstract void StartMapping();

    public abstract void EndMapping();

    public abstract void StartSequence();

    public abstract void EndSequence();

    /// <summary>A string; null drops the pending key (a null is never written).</summary>
    public abstract void Text(string? value);

    public abstract void Bool(bool value);

    /// <summary>A number, as its JSON text.</summary>
    public abstract void RawNumber(string json);

    public virtual void Number(long value) => RawNumber(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // "R": the shortest text that reads back as the same double, as System.Text.Json writes it.
    public virtual void Number(double value) => RawNumber(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>True for a key whose value is kept when it is an empty mapping.</summary>
    protected static bool MeaningfulWhenEmpty(string? key) => key is not null && Meaningful.Contains(key);

    /// <summary>Map keys in StackGen's key order.</summary>
    public static string[] OrderedKeys(IEnumerable<string> keys)
    {
        var ordered = keys.ToArray();
        Array.Sort(ordered, CompareKeys);
        return ordered;
    }

    /// <summary>StackGen's key order: <see cref="LeadingKeys"/> first, in that order, then ordinal.</summary>
    public static int CompareKeys(string a, string b)
    {
        var rankA = Rank(a);
        var rankB = Rank(b);
        return rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(a, b);
    }

    private static int Rank(string key)
    {
        var rank = Array.IndexOf(Leading, key);
        return rank < 0 ? Leading.Length : rank;
    }
}
