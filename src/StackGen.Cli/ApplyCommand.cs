using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Rendering;
using StackGen.Validation;
using StackGen.Validation.Reports;

namespace StackGen.Cli;

/// <summary>`stackgen apply`: server-side applies exactly what render prints, prunes, waits, records a revision.</summary>
public static class ApplyCommand
{
    public const int Failed = 1;

    public static Command Create(CliContext cli)
    {
        var env = new Option<string>("--env", "-e") { Description = "The environment to apply (a file environments/ENV.yaml)", Required = true };
        var stack = new Option<string[]>("--stack", "-s") { Description = "Apply only this stack (repeatable); default: every stack of the environment" };
        var set = new Option<string[]>("--set") { Description = "Override a setting: STACK.PATH=VALUE, VALUE null to reset it, never empty (repeatable)" };
        var flags = ApplyFlags.Create();
        var cluster = new ClusterOptions();
        var command = new Command(
            "apply",
            "Server-side apply an environment's render (field manager stackgen), in install and dependency order; prune what left the render\n" +
            "(never PersistentVolumeClaims or objects annotated stackgen.io/keep: \"true\"); wait until healthy; record a revision.\n" +
            "Exit 0 applied and healthy (or nothing to change), 1 conflicts, locked, rejected, unhealthy or unreachable, 2 bad input.\n\n" +
            "Examples:\n" +
            "  stackgen apply --env production\n" +
            "  stackgen apply --env production --stack rabbitmq --dry-run\n" +
            "  stackgen apply --env staging --context kind-staging --timeout 10m\n" +
            "  stackgen apply --env production --prune=false --wait=false")
        {
            env, stack, set,
        };
        flags.AddTo(command);
        cluster.AddTo(command);

        command.SetAction(parsed =>
        {
            var environment = cluster.Retarget(cli.Loader().Load(parsed.GetValue(env)!, parsed.GetValue(set) ?? []), parsed);
            var options = flags.Read(parsed);
            var result = new Renderer(cli.Catalog).Render(environment, parsed.GetValue(stack) ?? []);
            var lint = Linter.Run(result);
            if (lint.Active.Any())
            {
                TextReport.Write(new LintReport(lint.Environment, [.. lint.Active]), cli.Error);
            }

            if (lint.HasErrors)
            {
                cli.Error.WriteLine("apply refused: fix the lint errors above or suppress them with a reason (stackgen lint --explain RULE)");
                return Failed;
            }

            var target = cluster.Resolve(environment, parsed, cli);
            var stacks = StackManifest.FromRender(result);
            return ClusterCommand.Run(cli, Failed, async (host, cancel) =>
            {
                using var client = new ResourceClient(target.Configuration(), host, cli.Error);
                cli.Out.WriteLine($"{(options.DryRun ? "dry run: " : "")}applying environment {environment.Name} to {target}: {string.Join(", ", stacks.Select(s => s.Stack))}");
                var applier = new Applier(client, host, environment.Name, target.Namespace, cli.Out, cli.Error);
                var note = new RevisionNote("apply", SourceCommit.Find(cli.WorkingDirectory));
                return await applier.ApplyAsync(stacks, options, note, cancel).ConfigureAwait(false) ? 0 : Failed;
            });
        });
        return command;
    }
}
