using System.CommandLine;
using StackGen.Binding;
using StackGen.Diagnostics;
using StackGen.Objects;

namespace StackGen.Cli;

/// <summary>`stackgen stacks`: every registered stack with its owner, the custom kinds it may emit, and its settings (types and defaults).</summary>
public static class StacksCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("stacks", "List the stacks: name, owning team, the custom resource kinds each may emit, settings with their types and code defaults.\n\nExample:\n  stackgen stacks");
        command.SetAction(cli, _ =>
        {
            // Every stack is bound before anything is printed: a settings type the binder cannot bind is an error, not half a listing.
            var errors = new ErrorList();
            var stacks = cli.Catalog.Stacks.OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(stack => (Stack: stack, Settings: SettingsBinder.Bind(stack.SettingsType, null, stack.Name, errors).Values))
                .ToArray();
            errors.ThrowIfAny();
            foreach (var (stack, settings) in stacks)
            {
                cli.Out.WriteLine($"{stack.Name}  (owner: {stack.Owner})  {stack.Description}");
                if (stack.CustomKinds.Count > 0)
                {
                    var kinds = stack.CustomKinds.Select(t => CustomResourceKinds.OfModel(t) is { } kind ? $"{kind.Kind} ({kind.ApiVersion})" : t.Name);
                    cli.Out.WriteLine($"  custom kinds: {string.Join(", ", kinds)}");
                }

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
