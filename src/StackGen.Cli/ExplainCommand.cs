using System.CommandLine;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>`stackgen explain`: every effective setting of an environment, where it came from and what it overrode.</summary>
public static class ExplainCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment");
        var path = new Argument<string?>("path") { Description = "A stack or setting path prefix, such as rabbitmq or rabbitmq.storage", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(
            "explain",
            "Show the effective settings of an environment with their provenance: the file:line:column, --set or code default that won, and what it overrode.\n\n" +
            "Examples:\n" +
            "  stackgen explain --env production rabbitmq\n" +
            "  stackgen explain --env production rabbitmq.replicas --set rabbitmq.replicas=5");
        input.AddTo(command);
        command.Arguments.Add(path);

        command.SetAction(cli, parsed =>
        {
            var environment = new RenderPipeline(cli).Load(input.Read(parsed));
            var prefix = parsed.GetValue(path) ?? "";
            var values = environment.Stacks
                .SelectMany(s => s.Settings.Values)
                .Where(v => prefix.Length == 0 || v.Path == prefix || v.Path.StartsWith(prefix + ".", StringComparison.Ordinal))
                .ToArray();
            if (values.Length == 0)
            {
                throw new InputException(SourceLocation.Flag(prefix), $"no setting matches '{prefix}' in environment '{environment.Name}'; `stackgen stacks` lists the settings");
            }

            foreach (var value in values)
            {
                cli.Out.WriteLine(value);
            }

            return ExitCode.Success;
        });
        return command;
    }
}
