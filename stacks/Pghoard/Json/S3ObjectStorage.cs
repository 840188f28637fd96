namespace StackGen.Stacks.Pghoard.Json;

/// <summary>
/// Backups in an S3 bucket. No access keys: botocore reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the
/// environment when the config has none.
/// </summary>
/// <param name="SegmentSize">Multipart upload part size in bytes.</param>
internal sealed record S3ObjectStorage(string Region, string BucketName, long SegmentSize) : PghoardObjectStorage;
