using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using StackGen.Settings;

namespace StackGen.Binding;

/// <summary>One bindable property of a settings record, with what the binder asks of it read once.</summary>
internal sealed class SettingProperty(PropertyInfo property)
{
    public PropertyInfo Info { get; } = property;

    /// <summary>The YAML key (camelCase).</summary>
    public string Key { get; } = SettingNames.Key(property.Name);

    public Type Type { get; } = property.PropertyType;

    public bool IsRequired { get; } = property.IsDefined(typeof(RequiredMemberAttribute), inherit: false);

    public RangeAttribute? Range { get; } = property.GetCustomAttribute<RangeAttribute>();

    public MinimumVersionAttribute? MinimumVersion { get; } = property.GetCustomAttribute<MinimumVersionAttribute>();

    /// <summary>A pattern a string setting must match whole; its ErrorMessage says what a valid value looks like.</summary>
    public RegularExpressionAttribute? Pattern { get; } = property.GetCustomAttribute<RegularExpressionAttribute>();

    public object? GetValue(object record) => Info.GetValue(record);

    public void SetValue(object record, object? value) => Info.SetValue(record, value);
}
