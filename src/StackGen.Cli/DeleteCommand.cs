using System.CommandLine;
using StackGen.Apply;

namespace StackGen.Cli;

/// <summary>`stackgen delete`: uninstalls a stack of an environment, i.e. its ApplySet's members, then the set itself.</summary>
public static class DeleteCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment", oneStack: "The stack to delete", set: false);
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted (the server checks each delete); nothing is deleted" };
        var volumes = new Option<bool>(Deleter.VolumesFlag) { Description = "Delete the stack's PersistentVolumeClaims too (their data is lost); without it they are kept" };
        var cluster = new ClusterOptions();
        var command = new Command(
            "delete",
            "Uninstall a stack: delete every member of its ApplySet on the cluster in reverse install order, then the set's parent\n" +
            "and history. PersistentVolumeClaims are kept unless --include-volumes; CustomResourceDefinitions and objects annotated\n" +
            "stackgen.io/keep: \"true\" are always kept. Takes the stack's apply lock. Exit codes: 0 deleted (or nothing to delete),\n" +
            "1 lock held, another environment's set, or the cluster refused or could not be reached, 2 bad input, 130 interrupted.\n\n" +
            "Examples:\n" +
            "  stackgen delete --env staging --stack web --dry-run\n" +
            "  stackgen delete --env staging --stack web\n" +
            "  stackgen delete --env staging --stack pghoard --include-volumes");
        input.AddTo(command);
        command.Options.Add(dryRun);
        command.Options.Add(volumes);
        cluster.AddTo(command);

        command.SetAction(cli, (parsed, cancel) => ClusterCommand.RunOnStackAsync(cli, input, cluster, parsed, async (on, token) =>
        {
            var deleter = new Deleter(on.Client, on.Host, on.Environment.Name, on.Target.Namespace, cli.Out, cli.Error);
            return await deleter.DeleteAsync(on.Stack, parsed.GetValue(volumes), parsed.GetValue(dryRun), token).ConfigureAwait(false) ? ExitCode.Success : ExitCode.Failed;
        }, cancel));
        return command;
    }
}
