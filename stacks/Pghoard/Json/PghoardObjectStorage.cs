using System.Text.Json.Serialization;

namespace StackGen.Stacks.Pghoard.Json;

/// <summary>Where a site's backups are stored; the subtype is written as storage_type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "storage_type")]
[JsonDerivedType(typeof(LocalObjectStorage), "local")]
[JsonDerivedType(typeof(S3ObjectStorage), "s3")]
internal abstract record PghoardObjectStorage;
