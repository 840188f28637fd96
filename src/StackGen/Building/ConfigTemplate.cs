using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace StackGen.Building;

/// <summary>
/// A config file format with no serializer (rabbitmq.conf, uwsgi.ini, nginx.conf), written as a Scriban
/// template embedded next to the stack that uses it. Rendering is strict: an unknown variable is an error.
/// Model members are read snake_case (PartitionHandling is partition_handling).
/// </summary>
public sealed class ConfigTemplate
{
    private readonly Template _template;

    private ConfigTemplate(string name, Template template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    /// <summary>Loads the embedded resource <paramref name="name"/> (its path under the project) from the assembly.</summary>
    public static ConfigTemplate FromResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"template {name} is not embedded in {assembly.GetName().Name}; embedded: {string.Join(", ", assembly.GetManifestResourceNames())}");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException($"template {name} does not parse: {string.Join("; ", template.Messages)}")
            : new ConfigTemplate(name, template);
    }

    public string Render(object model)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var context = new TemplateContext { StrictVariables = true, MemberRenamer = StandardMemberRenamer.Default };
        context.PushGlobal(globals);
        return _template.Render(context);
    }
}
