namespace StackGen.Charts;

/// <summary>The chart vendored, what was done, and the version it replaced (for <see cref="VendorOutcome.VersionChanged"/>).</summary>
public sealed record VendorResult(VendorOutcome Outcome, VendorLockEntry Entry, string? PreviousVersion);
