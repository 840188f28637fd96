using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Rendering;

namespace StackGen.Cli;

/// <summary>`stackgen diff`: what apply would change, from a server-side dry run, as unified YAML diffs.</summary>
public static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var env = new Option<string>("--env", "-e") { Description = "The environment to compare (a file environments/ENV.yaml)", Required = true };
        var stack = new Option<string[]>("--stack", "-s") { Description = "Compare only this stack (repeatable); default: every stack of the environment" };
        var set = new Option<string[]>("--set") { Description = "Override a setting: STACK.PATH=VALUE, VALUE null to reset it, never empty (repeatable)" };
        var force = new Option<bool>("--force-conflicts") { Description = "Show the result of taking over fields other managers own, instead of stopping on conflicts" };
        var cluster = new ClusterOptions();
        var command = new Command(
            "diff",
            "Show what apply would change: a unified YAML diff per object (live against a server-side dry run, server-managed fields\n" +
            "removed) and the objects apply would prune. Exit 0 no changes, 1 changes, 2 or more an error (like kubectl diff).\n\n" +
            "Examples:\n" +
            "  stackgen diff --env production\n" +
            "  stackgen diff --env production --stack rabbitmq --set rabbitmq.replicas=5")
        {
            env, stack, set, force,
        };
        cluster.AddTo(command);

        command.SetAction(parsed =>
        {
            var environment = cluster.Retarget(cli.Loader().Load(parsed.GetValue(env)!, parsed.GetValue(set) ?? []), parsed);
            var result = new Renderer(cli.Catalog).Render(environment, parsed.GetValue(stack) ?? []);
            var target = cluster.Resolve(environment, parsed, cli);
            return ClusterCommand.Run(cli, DiffReport.Failed, async (host, cancel) =>
            {
                using var client = new ResourceClient(target.Configuration(), host, cli.Error);
                var report = new DiffReport(client, environment.Name, target.Namespace, cli.Out, cli.Error);
                return await report.RunAsync(StackManifest.FromRender(result), parsed.GetValue(force), cancel).ConfigureAwait(false);
            });
        });
        return command;
    }
}
