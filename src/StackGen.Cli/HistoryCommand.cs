using System.CommandLine;
using System.Globalization;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>`stackgen history`: the recorded revisions of a stack in an environment.</summary>
public static class HistoryCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment", oneStack: "The stack whose revisions to list", set: false);
        var cluster = new ClusterOptions();
        var command = new Command(
            "history",
            $"List a stack's revisions (the last {HistoryStore.Kept} successful applies and rollbacks): number, when, who, source commit, object count.\n\n" +
            "Example:\n" +
            "  stackgen history --env production --stack rabbitmq");
        input.AddTo(command);
        cluster.AddTo(command);

        command.SetAction(cli, (parsed, cancel) => ClusterCommand.RunOnStackAsync(cli, input, cluster, parsed, async (on, token) =>
        {
            var (environment, name) = (on.Environment.Name, on.Stack);
            var revisions = await new HistoryStore(on.Client, new ApplySet(environment, name, on.Target.Namespace)).ListAsync(token).ConfigureAwait(false);
            if (revisions.Count == 0)
            {
                cli.Error.WriteLine($"no revisions of stack {name} in environment {environment} ({on.Target}); `stackgen apply --env {environment} --stack {name}` records the first");
                return ExitCode.Success;
            }

            cli.Out.WriteLine($"{"REVISION",-9} {"WHEN",-21} {"WHO",-32} {"COMMIT",-12} {"OBJECTS",-8} DESCRIPTION");
            foreach (var revision in revisions)
            {
                var when = revision.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var commit = revision.Commit is { Length: >= 12 } c ? c[..12] : revision.Commit ?? "-";
                cli.Out.WriteLine($"{revision.Number,-9} {when,-21} {revision.Who,-32} {commit,-12} {revision.ObjectCount,-8} {revision.Description}");
            }

            return ExitCode.Success;
        }, cancel));
        return command;
    }
}
