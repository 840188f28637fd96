namespace StackGen.Charts;

/// <summary>One file of a vendored tree: its path relative to the tree ('/'-separated) and the sha256 of its bytes (lower-case hex).</summary>
public sealed record FileDigest(string Path, string Sha256);
