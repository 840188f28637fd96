using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace StackGen.Binding;

/// <summary>The bindable properties of a settings record (public, init/set), in declaration order (reflection's order; metadata tokens are not available under Native AOT).</summary>
internal static class SettingProperties
{
    // A memo of reflection over immutable types (a pure function of the type): binding a thousand stacks
    // must not ask reflection the same question a thousand times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, SettingRecord> Cache = new();

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.SettingsAreRooted)]
    public static SettingRecord Of(Type type) =>
        Cache.GetOrAdd(type, static t => new SettingRecord([.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(p => new SettingProperty(p))]));

    public static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>))
        && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    public static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyList<>) || d == typeof(IList<>) || d == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.SettingsAreRooted)]
    public static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null;

    // Asked on every bind of a stack: a memo, as for Of.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<UnsupportedSetting>> UnsupportedCache = new();

    /// <summary>
    /// Every property, at any depth (records, lists, maps, nullable), whose type the binder cannot bind, by its path
    /// under <paramref name="path"/>. The same type knowledge the binder uses: scalars, maps, lists, records.
    /// </summary>
    public static IReadOnlyList<UnsupportedSetting> Unsupported(Type settingsType, string path) =>
        UnsupportedCache.GetOrAdd(settingsType, static t => Walk(t, t, "", [])) is [_, ..] found
            ? [.. found.Select(u => u with { Path = path + u.Path })]
            : [];

    private static UnsupportedSetting[] Walk(Type root, Type type, string path, HashSet<Type> visiting)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (ScalarType.For(underlying) is not null || underlying == typeof(Charts.ChartValues))
        {
            return [];
        }

        if (DictionaryValueType(underlying) is { } value)
        {
            return Walk(root, value, path + ".*", visiting);
        }

        if (ListItemType(underlying) is { } item)
        {
            return Walk(root, item, path + "[]", visiting);
        }

        if (!IsRecord(underlying))
        {
            return [new UnsupportedSetting(root, path, underlying)];
        }

        if (!visiting.Add(underlying))
        {
            return [];
        }

        var found = Of(underlying).Properties.SelectMany(p => Walk(root, p.Type, $"{path}.{p.Key}", visiting)).ToArray();
        visiting.Remove(underlying);
        return found;
    }

    /// <summary>What to write for a value of this type, for errors and `stackgen stacks`.</summary>
    public static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (ScalarType.For(underlying) is { } scalar)
        {
            return scalar.Name;
        }

        if (underlying == typeof(Charts.ChartValues))
        {
            return "chart values";
        }

        if (DictionaryValueType(underlying) is { } value)
        {
            return $"map of {Describe(value)}";
        }

        if (ListItemType(underlying) is { } item)
        {
            return $"list of {Describe(item)}";
        }

        return "mapping";
    }
}
