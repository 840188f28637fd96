namespace StackGen.Binding;

/// <summary>How C# names appear in YAML: camelCase keys and enum values, like Kubernetes fields.</summary>
public static class SettingNames
{
    public static string Key(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    /// <summary>Enum values compare without case, '-' or '_' so pause_minority, pause-minority and pauseMinority all match.</summary>
    public static string Normalize(string text) =>
        text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
