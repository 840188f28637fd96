using System.Buffers;
using StackGen.Diagnostics;

namespace StackGen.Building;

/// <summary>
/// What a value substituted into a config file of one format may contain, so that no value can write a line (or a
/// statement) the template did not: every template's format is known from its file name, and a template of a format
/// with no rule here does not load.
/// </summary>
public sealed class ConfigFormat
{
    // Python sources (Celery's celeryconfig.py) take values inside quoted string literals: a quote or backslash would
    // end the literal or change what follows, so neither may come from a value.
    private static readonly SearchValues<char> PythonLiteralBreakers = SearchValues.Create("'\"\\");

    private readonly SearchValues<char>? _alsoRefused;

    private ConfigFormat(string name, SearchValues<char>? alsoRefused, string expected)
    {
        Name = name;
        _alsoRefused = alsoRefused;
        Expected = expected;
    }

    public string Name { get; }

    /// <summary>What a value must be, for errors.</summary>
    public string Expected { get; }

    /// <summary>Line-oriented key = value files (uwsgi.ini, rabbitmq.conf, nginx.conf): a line break would start a new setting.</summary>
    public static ConfigFormat LineOriented { get; } = new("line-oriented", null, "a value on one line, without control characters");

    public static ConfigFormat Python { get; } = new("Python", PythonLiteralBreakers, "a value on one line, without control characters, quotes or backslashes");

    /// <summary>The format of a template from its name (rabbitmq.conf.sbn is a .conf file), or null when there is no rule for it.</summary>
    public static ConfigFormat? ForTemplate(string name) => Path.GetExtension(Path.GetFileNameWithoutExtension(name)) switch
    {
        ".ini" or ".conf" => LineOriented,
        ".py" => Python,
        _ => null,
    };

    /// <summary>The index of the first character the format refuses in a value, or -1.</summary>
    public int Refused(string value)
    {
        var control = Unprintable.IndexIn(value);
        var other = _alsoRefused is null ? -1 : value.AsSpan().IndexOfAny(_alsoRefused);
        return control < 0 ? other : other < 0 ? control : Math.Min(control, other);
    }
}
