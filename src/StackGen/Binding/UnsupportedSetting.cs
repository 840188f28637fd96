namespace StackGen.Binding;

/// <summary>A property of a settings record whose type the binder cannot bind (a value type nobody declared).</summary>
public sealed record UnsupportedSetting(Type SettingsType, string Path, Type Type)
{
    /// <summary>Where a value type is declared: the one file to edit.</summary>
    public const string DeclaredIn = "src/StackGen/Binding/ScalarType.cs";

    public string Message =>
        $"{Path}: the settings type {SettingsType.FullName} has a property of type {Type.FullName}, which the binder cannot bind; " +
        $"declare it as a scalar type in {DeclaredIn} (or make it a settings record, a list or a map of supported types)";
}
