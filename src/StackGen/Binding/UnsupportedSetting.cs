namespace StackGen.Binding;

/// <summary>A property of a settings record whose type the binder cannot bind (a value type nobody declared).</summary>
public sealed record UnsupportedSetting(Type SettingsType, string Path, Type Type)
{
    /// <summary>What a value type implements to describe its parsing, expected format and display (one file: the type's own).</summary>
    public const string DeclaredIn = "src/StackGen/Settings/ISettingValue.cs";

    public string Message =>
        $"{Path}: the settings type {SettingsType.FullName} has a property of type {Type.FullName}, which the binder cannot bind; " +
        $"make {Type.Name} implement StackGen.Settings.ISettingValue<{Type.Name}> ({DeclaredIn}; see src/StackGen/Settings/Duration.cs), or make it a settings record, a list or a map of supported types";
}
