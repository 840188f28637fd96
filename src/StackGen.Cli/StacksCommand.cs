using System.CommandLine;
using StackGen.Binding;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>`stackgen stacks`: every registered stack with its owner and settings (types and defaults).</summary>
public static class StacksCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("stacks", "List the stacks: name, owning team, settings with their types and code defaults.\n\nExample:\n  stackgen stacks");
        command.SetAction(cli, _ =>
        {
            foreach (var stack in cli.Catalog.Stacks.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                cli.Out.WriteLine($"{stack.Name}  (owner: {stack.Owner})  {stack.Description}");
                var errors = new ErrorList();
                var settings = SettingsBinder.Bind(stack.SettingsType, null, stack.Name, errors).Values;
                errors.ThrowIfAny();
                foreach (var setting in settings)
                {
                    cli.Out.WriteLine($"  {setting.Path[(stack.Name.Length + 1)..],-36} {setting.Type,-30} default {setting.Value}");
                }

                cli.Out.WriteLine();
            }

            return ExitCode.Success;
        });
        return command;
    }
}
