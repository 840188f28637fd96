namespace StackGen.Building;

/// <summary>
/// A value that would change the shape of a config file (a line break in uwsgi.ini). The renderer turns it into an
/// input error at the setting the value came from.
/// </summary>
public sealed class ConfigValueException(string template, string value, char refused, ConfigFormat format)
    : Exception($"{template}: the value '{value}' contains '{refused}', which would change the file's structure; expected {format.Expected}")
{
    public string Template { get; } = template;

    public string Value { get; } = value;

    public char Refused { get; } = refused;

    public ConfigFormat Format { get; } = format;
}
