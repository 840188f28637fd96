using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Sets;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>`stackgen rollback`: re-applies a recorded revision's manifests, with the same pruning and waits as apply.</summary>
public static class RollbackCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment", oneStack: "The stack to roll back", set: false);
        var to = new Option<int?>("--to") { Description = "The revision to go back to (see stackgen history); default: the one before the latest" };
        var flags = ApplyFlags.Create();
        var cluster = new ClusterOptions();
        var command = new Command(
            "rollback",
            "Re-apply a stack's earlier revision exactly as it was recorded, prune what it did not have, wait until healthy, and record\n" +
            "the rollback as a new revision. Helm hooks (a migration Job) are not run, applied or pruned: the database keeps\n" +
            "its newer schema. Exit codes as apply (130: interrupted, the lock released at once).\n\n" +
            "Examples:\n" +
            "  stackgen rollback --env production --stack rabbitmq\n" +
            "  stackgen rollback --env production --stack rabbitmq --to 3");
        input.AddTo(command);
        command.Options.Add(to);
        flags.AddTo(command);
        cluster.AddTo(command);

        command.SetAction(cli, (parsed, cancel) => ClusterCommand.RunOnStackAsync(cli, input, cluster, parsed, async (on, token) =>
        {
            var (environment, name) = (on.Environment.Name, on.Stack);
            // No install/upgrade hook runs on a rollback (helm rollback runs none either): a migration is not run backwards.
            var options = flags.Read(parsed) with { RunHooks = false };
            var revisions = await new HistoryStore(on.Client, new ApplySet(environment, name, on.Target.Namespace)).ListAsync(token).ConfigureAwait(false);
            var revision = Choose(revisions, parsed.GetValue(to), name, environment);
            cli.Out.WriteLine($"{(options.DryRun ? "dry run: " : "")}rolling back stack {name} of environment {environment} ({on.Target}) to revision {revision.Number} ({revision.Description} of {revision.When.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {revision.Who})");
            var manifest = new StackManifest(name, ManifestReader.Read(revision.Manifest), revision.Settings);
            var applier = new Applier(on.Client, on.Host, environment, on.Target.Namespace, cli.Out, cli.Error);
            var note = new RevisionNote($"rollback to {revision.Number}", revision.Commit, Always: true);
            return await applier.ApplyAsync([manifest], options, note, token).ConfigureAwait(false) ? ExitCode.Success : ExitCode.Failed;
        }, cancel));
        return command;
    }

    private static Revision Choose(IReadOnlyList<Revision> revisions, int? to, string stack, string environment)
    {
        var kept = string.Join(", ", revisions.Select(r => r.Number));
        if (to is { } number)
        {
            return revisions.FirstOrDefault(r => r.Number == number)
                ?? throw new InputException(SourceLocation.Flag($"--to {number}"), revisions.Count == 0
                    ? $"stack {stack} has no revisions in environment {environment}"
                    : $"no revision {number} of stack {stack} (kept: {kept})");
        }

        return revisions.Count >= 2
            ? revisions[^2]
            : throw new InputException(SourceLocation.Flag("--to"), revisions.Count == 0
                ? $"stack {stack} has no revisions in environment {environment}; nothing to roll back to"
                : $"stack {stack} has only revision {kept}; nothing earlier to roll back to");
    }
}
