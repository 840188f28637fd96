using StackGen.Settings;

namespace StackGen.Stacks.Pghoard;

/// <summary>Where backups go; the S3 keys are Secret references that reach pghoard as environment variables.</summary>
public sealed record ObjectStorageSettings
{
    public ObjectStorageType Type { get; init; } = ObjectStorageType.Local;

    public string Bucket { get; init; } = "pghoard-backups";

    public string Region { get; init; } = "eu-west-1";

    public SecretRef AccessKeyId { get; init; } = new("pghoard-s3", "access-key-id");

    public SecretRef SecretAccessKey { get; init; } = new("pghoard-s3", "secret-access-key");
}
