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
        var env = new Option<string>("--env", "-e") { Description = "The environment (a file environments/ENV.yaml)", Required = true };
        var stack = new Option<string>("--stack", "-s") { Description = "The stack whose revisions to list", Required = true };
        var cluster = new ClusterOptions();
        var command = new Command(
            "history",
            $"List a stack's revisions (the last {HistoryStore.Kept} successful applies and rollbacks): number, when, who, source commit, object count.\n\n" +
            "Example:\n" +
            "  stackgen history --env production --stack rabbitmq")
        {
            env, stack,
        };
        cluster.AddTo(command);

        command.SetAction(parsed =>
        {
            var environment = cluster.Retarget(cli.Loader().Load(parsed.GetValue(env)!, []), parsed);
            var name = ClusterOptions.KnownStack(cli, parsed.GetValue(stack)!);
            var target = cluster.Resolve(environment, parsed, cli);
            return ClusterCommand.Run(cli, 1, async (host, cancel) =>
            {
                using var client = new ResourceClient(target.Configuration(), host, cli.Error);
                var revisions = await new HistoryStore(client, new ApplySet(environment.Name, name, target.Namespace)).ListAsync(cancel).ConfigureAwait(false);
                if (revisions.Count == 0)
                {
                    cli.Error.WriteLine($"no revisions of stack {name} in environment {environment.Name} ({target}); `stackgen apply --env {environment.Name} --stack {name}` records the first");
                    return 0;
                }

                cli.Out.WriteLine($"{"REVISION",-9} {"WHEN",-21} {"WHO",-32} {"COMMIT",-12} {"OBJECTS",-8} DESCRIPTION");
                foreach (var revision in revisions)
                {
                    var when = revision.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    var commit = revision.Commit is { Length: >= 12 } c ? c[..12] : revision.Commit ?? "-";
                    cli.Out.WriteLine($"{revision.Number,-9} {when,-21} {revision.Who,-32} {commit,-12} {revision.ObjectCount,-8} {revision.Description}");
                }

                return 0;
            });
        });
        return command;
    }
}
