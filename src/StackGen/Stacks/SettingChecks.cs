using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Naming;

namespace StackGen.Stacks;

/// <summary>
/// What a stack checks of its settings beyond their types, before anything is built: names of objects derived from
/// setting values, values that must differ. Each problem is an input error located where the setting was written.
/// </summary>
public sealed class SettingChecks
{
    private readonly IStack _stack;
    private readonly MappingNode? _layers;
    private readonly SourceLocation _declared;
    private readonly ErrorList _errors;
    private readonly Dictionary<string, (string Value, SourceLocation Location)> _names = new(StringComparer.Ordinal);

    internal SettingChecks(IStack stack, MappingNode? layers, SourceLocation declared, ErrorList errors)
    {
        _stack = stack;
        _layers = layers;
        _declared = declared;
        _errors = errors;
    }

    /// <summary>An error at the setting <paramref name="path"/> (relative to the stack, such as "queues[1].name").</summary>
    public void Error(string path, string message) => _errors.Add(Locate(path), $"{_stack.Name}.{path}: {message}");

    /// <summary>
    /// Checks the object name <see cref="StackContext.Name"/> makes of <paramref name="parts"/>, which come from the
    /// setting <paramref name="path"/> whose value is <paramref name="value"/>: it must be a valid object name and
    /// differ from every other name checked here.
    /// </summary>
    public void ObjectName(string path, string value, params string[] parts)
    {
        var name = StackContext.NameOf(_stack, parts);
        var location = Locate(path);
        if (!Names.IsDnsLabel(name))
        {
            Error(path, $"'{value}' makes the object name '{name}', which is not a DNS label; {Names.DnsLabelRule}");
        }
        else if (_names.TryGetValue(name, out var first))
        {
            Error(path, $"'{value}' makes the object name '{name}', as '{first.Value}' ({first.Location}) does; expected values that make distinct names");
        }
        else
        {
            _names[name] = (value, location);
        }
    }

    /// <summary>Where the setting at <paramref name="path"/> was written, or where the stack is declared if only its default applies.</summary>
    private SourceLocation Locate(string path)
    {
        SettingNode? node = _layers;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = (node as MappingNode)?[bracket < 0 ? segment : segment[..bracket]];
            for (var index = bracket; node is not null && index >= 0; index = segment.IndexOf('[', index + 1))
            {
                var item = int.Parse(segment.AsSpan(index + 1, segment.IndexOf(']', index) - index - 1), System.Globalization.CultureInfo.InvariantCulture);
                node = node is SequenceNode sequence && item < sequence.Items.Count ? sequence.Items[item] : null;
            }
        }

        return node?.Location ?? _declared;
    }
}
