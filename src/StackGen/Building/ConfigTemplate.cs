using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace StackGen.Building;

/// <summary>
/// A config file format with no serializer (rabbitmq.conf, uwsgi.ini, nginx.conf, a Python settings module), written
/// as a Scriban template embedded next to the stack that uses it. Rendering is strict: an unknown variable is an error.
/// Model members are read snake_case (PartitionHandling is partition_handling). Every substituted value is checked
/// against the file's <see cref="ConfigFormat"/>: a value cannot add a line or a statement the template did not write.
/// </summary>
public sealed class ConfigTemplate
{
    private readonly Template _template;

    // Reused: creating a TemplateContext per render (Scriban preallocates scratch arrays for function calls) dominated
    // the render's garbage; see bench/README.md. Each is used by one render at a time; Scriban clears the output after
    // every render, and a context whose render failed is dropped, not reused.
    private readonly ConcurrentBag<TemplateContext> _contexts = [];

    private readonly ConfigFormat _format;

    private ConfigTemplate(string name, Template template, ConfigFormat format)
    {
        Name = name;
        _template = template;
        _format = format;
    }

    public string Name { get; }

    /// <summary>Loads the embedded resource <paramref name="name"/> (its path under the project) from the assembly.</summary>
    public static ConfigTemplate FromResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"template {name} is not embedded in {assembly.GetName().Name}; embedded: {string.Join(", ", assembly.GetManifestResourceNames())}");
        var format = ConfigFormat.ForTemplate(name)
            ?? throw new InvalidOperationException($"template {name} has no value rule for its format; name it FILE.ini.sbn, FILE.conf.sbn or FILE.py.sbn, or add its format to ConfigFormat");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException($"template {name} does not parse: {string.Join("; ", template.Messages)}")
            : new ConfigTemplate(name, template, format);
    }

    // Scriban reads the model's public properties by reflection; the annotation keeps them on every model type
    // a caller passes (anonymous types included), which is all Import needs.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The model's public properties are preserved by the DynamicallyAccessedMembers annotation.")]
    public string Render<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TModel>(TModel model)
        where TModel : notnull
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var context = _contexts.TryTake(out var reused) ? reused : NewContext();
        context.PushGlobal(globals);
        string text;
        try
        {
            text = _template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e) when (e.InnerException is ConfigValueException refused)
        {
            throw refused;
        }

        context.PopGlobal();
        _contexts.Add(context);
        return text;
    }

    // Config templates only substitute typed values and branch on them; skipping Scriban's builtin function
    // library keeps them logic-free and saves its start-up, a large part of a small render (see bench/README.md).
    private CheckedContext NewContext() =>
        new(this) { StrictVariables = true, MemberRenamer = StandardMemberRenamer.Default };

    /// <summary>Writes the template's text as is and checks every substituted value against the file's format.</summary>
    private sealed class CheckedContext(ConfigTemplate template) : TemplateContext(new ScriptObject())
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is not null && ObjectToString(textAsObject) is { } text && template._format.Refused(text) is var at and >= 0)
            {
                throw new ConfigValueException(template.Name, text, text[at], template._format);
            }

            return base.Write(span, textAsObject);
        }
    }
}
