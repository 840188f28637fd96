namespace StackGen.Charts;

/// <summary>A chart in vendor/ whose files match vendor/vendor.lock, ready to render.</summary>
/// <param name="Directory">The chart's directory (absolute).</param>
/// <param name="Lock">Its entry in vendor/vendor.lock.</param>
public sealed record VendoredChart(string Directory, VendorLockEntry Lock)
{
    public string Name => Lock.Name;

    public string Version => Lock.Version;

    /// <summary>How messages name the chart's directory: vendor/charts/NAME/VERSION.</summary>
    public string Shown => Lock.Directory;
}
