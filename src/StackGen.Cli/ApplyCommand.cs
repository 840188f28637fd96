using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;

namespace StackGen.Cli;

/// <summary>`stackgen apply`: server-side applies exactly what render prints, prunes, waits, records a revision.</summary>
public static class ApplyCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to apply", stacks: "Apply only this stack (repeatable); default: every stack of the environment");
        var flags = ApplyFlags.Create();
        var cluster = new ClusterOptions();
        var createNamespace = new Option<bool>("--create-namespace")
        {
            Description = "Create the target namespace when it is missing (labelled managed-by stackgen, in no stack's set, never pruned); without it a missing namespace is an error",
        };
        var command = new Command(
            "apply",
            "Server-side apply an environment's render (field manager stackgen), in install and dependency order; prune what left the render\n" +
            "(never PersistentVolumeClaims, CustomResourceDefinitions or objects annotated stackgen.io/keep: \"true\"); wait until healthy;\n" +
            "record a revision. The target namespace must exist, or --create-namespace creates it first (also shown by --dry-run).\n" +
            "CustomResourceDefinitions go first: their custom resources are applied once they are Established\n" +
            "(within --timeout); a custom resource whose kind the cluster does not serve and the render does not define is refused.\n" +
            "Helm hooks (helm.sh/hook, as charts and Markers.RunBeforeWorkloads write them) run in phases of their own, each\n" +
            "waited for until complete (within --timeout, whatever --wait says): pre-install/pre-upgrade after a stack's\n" +
            "configuration, services and storage and before its workloads (the web tier's migration Job), post-install/post-upgrade\n" +
            "once the workloads are healthy; install = the stack has no revision yet. A failed hook stops the apply (exit 1) with\n" +
            "the Job's events and the tail of its pod's log, the workloads untouched; --dry-run shows each hook in its phase.\n" +
            "Lint runs first, as for render: findings at error severity refuse the apply (exit 1) before the cluster is contacted.\n" +
            "Without --stack, a stack the environment deployed and no longer lists is named on stderr with how to delete it.\n" +
            "Exit 0 applied and healthy (or nothing to change), 1 lint errors, missing namespace, conflicts, locked, rejected, unhealthy\n" +
            "or unreachable, 2 bad input, 130 interrupted (Ctrl+C or SIGTERM: the apply lock is released at once; what was applied stays, re-run to converge).\n\n" +
            "Examples:\n" +
            "  stackgen apply --env production\n" +
            "  stackgen apply --env production --stack rabbitmq --dry-run\n" +
            "  stackgen apply --env staging --context kind-staging --timeout 10m\n" +
            "  stackgen apply --env dev --context kind-dev --create-namespace\n" +
            "  stackgen apply --env production --prune=false --wait=false");
        input.AddTo(command);
        flags.AddTo(command);
        cluster.AddTo(command);
        command.Options.Add(createNamespace);

        command.SetAction(cli, async (parsed, cancel) =>
        {
            if (new RenderPipeline(cli).Accepted(input.Read(parsed), "apply refused", cluster.Retarget(parsed)) is not { } rendered)
            {
                return ExitCode.Failed;
            }

            var environment = rendered.Environment;
            var options = flags.Read(parsed) with { CreateNamespace = parsed.GetValue(createNamespace), System = cli.Catalog.System };
            var target = cluster.Resolve(environment, parsed, cli);
            var stacks = StackManifest.FromRender(rendered.Result);
            return await ClusterCommand.RunAsync(cli, ExitCode.Failed, async (host, token) =>
            {
                using var client = new ResourceClient(target.Configuration(), host, cli.Error);
                cli.Out.WriteLine($"{(options.DryRun ? "dry run: " : "")}applying environment {environment.Name} to {target}: {string.Join(", ", stacks.Select(s => s.Stack))}");
                var applier = new Applier(client, host, environment.Name, target.Namespace, cli.Out, cli.Error);
                var note = new RevisionNote("apply", SourceCommit.Find(cli.WorkingDirectory));
                var applied = await applier.ApplyAsync(stacks, options, note, token).ConfigureAwait(false);
                await ClusterCommand.WarnOrphansAsync(cli, client, input.Read(parsed), environment, target.Namespace, token).ConfigureAwait(false);
                return applied ? ExitCode.Success : ExitCode.Failed;
            }, cancel).ConfigureAwait(false);
        });
        return command;
    }
}
