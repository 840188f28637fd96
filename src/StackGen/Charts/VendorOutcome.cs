namespace StackGen.Charts;

/// <summary>What `stackgen vendor` did.</summary>
public enum VendorOutcome
{
    /// <summary>A chart the lock did not have.</summary>
    Added,

    /// <summary>The same version with the same files was already vendored: nothing was written.</summary>
    Unchanged,

    /// <summary>The same version and files as the lock, whose vendored copy had been changed: restored.</summary>
    Restored,

    /// <summary>The same version with other files (a republished version), replaced because --replace was given.</summary>
    Replaced,

    /// <summary>Another version of a vendored chart: it replaced the previous version, directory and lock entry.</summary>
    VersionChanged,
}
