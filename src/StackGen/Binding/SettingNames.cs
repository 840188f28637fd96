namespace StackGen.Binding;

/// <summary>How C# names appear in YAML: camelCase keys and enum values, like Kubernetes fields.</summary>
public static class SettingNames
{
    public static string Key(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    /// <summary>
    /// A setting's path as environment files write it, from the C# property names that lead to it:
    /// <c>Path(nameof(RabbitMqSettings.Storage), nameof(VolumeSettings.Size))</c> is "storage.size". Written with
    /// <c>nameof</c>, a renamed property fails the build instead of naming a setting that no longer exists.
    /// </summary>
    public static string Path(params string[] propertyNames) => string.Join('.', propertyNames.Select(Key));

    /// <summary>Enum values compare without case, '-' or '_' so pause_minority, pause-minority and pauseMinority all match.</summary>
    public static string Normalize(string text) =>
        text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
