namespace StackGen.Charts;

/// <summary>Where <see cref="ChartVendor"/> takes a chart from.</summary>
public enum ChartSourceKind
{
    /// <summary>A chart directory on disk.</summary>
    Directory,

    /// <summary>A packaged chart (.tgz) on disk.</summary>
    Archive,

    /// <summary>A chart repository or OCI registry: `helm pull`, which needs the network.</summary>
    Pull,

    /// <summary>An upstream YAML manifest on disk (a release manifest, a CRD bundle): vendored as is, not a chart.</summary>
    Manifest,
}
