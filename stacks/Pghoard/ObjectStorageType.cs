namespace StackGen.Stacks.Pghoard;

/// <summary>Where pghoard stores backups.</summary>
public enum ObjectStorageType
{
    /// <summary>On the pghoard volume itself: it shares that volume's fate, so for development only.</summary>
    Local,

    /// <summary>An S3 bucket (AWS or compatible).</summary>
    S3,
}
