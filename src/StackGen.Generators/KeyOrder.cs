namespace StackGen.Generators;

/// <summary>StackGen's key order: the leading keys in their order, then every other key in ordinal order.</summary>
internal sealed class KeyOrder(string[] leading) : IComparer<string>
{
    public int Compare(string? a, string? b)
    {
        var rankA = Rank(a!);
        var rankB = Rank(b!);
        return rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(a, b);
    }

    private int Rank(string key)
    {
        var rank = Array.IndexOf(leading, key);
        return rank < 0 ? leading.Length : rank;
    }
}
