using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;

namespace StackGen.Cli;

/// <summary>`stackgen diff`: what apply would change, from a server-side dry run, as unified YAML diffs.</summary>
public static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to compare", stacks: "Compare only this stack (repeatable); default: every stack of the environment");
        var force = new Option<bool>("--force-conflicts") { Description = "Show the result of taking over fields other managers own, instead of stopping on conflicts" };
        var cluster = new ClusterOptions();
        var command = new Command(
            "diff",
            "Show what apply would do: lint first, as apply does (findings at error severity: diff says apply would refuse, exit 1,\n" +
            "and shows no diff); then a unified YAML diff per object (live against a server-side dry run, server-managed fields\n" +
            "removed) and the objects apply would prune. Exit 0 no changes, 1 changes or lint errors, 2 or more an error\n" +
            "(like kubectl diff), 130 interrupted.\n\n" +
            "Examples:\n" +
            "  stackgen diff --env production\n" +
            "  stackgen diff --env production --stack rabbitmq --set rabbitmq.replicas=5");
        input.AddTo(command);
        command.Options.Add(force);
        cluster.AddTo(command);

        command.SetAction(cli, async (parsed, cancel) =>
        {
            if (new RenderPipeline(cli).Accepted(input.Read(parsed), "apply would refuse this render, so diff compared nothing", cluster.Retarget(parsed)) is not { } rendered)
            {
                return ExitCode.Failed;
            }

            var environment = rendered.Environment;
            var target = cluster.Resolve(environment, parsed, cli);
            return await ClusterCommand.RunAsync(cli, ExitCode.DiffFailed, async (host, token) =>
            {
                using var client = new ResourceClient(target.Configuration(), host, cli.Error);
                var report = new DiffReport(client, environment.Name, target.Namespace, cli.Out, cli.Error);
                return await report.RunAsync(StackManifest.FromRender(rendered.Result), parsed.GetValue(force), token).ConfigureAwait(false) switch
                {
                    DiffOutcome.NoChanges => ExitCode.Success,
                    DiffOutcome.Changes => ExitCode.Failed,
                    _ => ExitCode.DiffFailed,
                };
            }, cancel).ConfigureAwait(false);
        });
        return command;
    }
}
