using System.CommandLine;
using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>`stackgen diff`: what apply would change, from a server-side dry run, as unified YAML diffs.</summary>
public static class DiffCommand
{
    private const string AgainstFlag = "--against";

    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to compare", stacks: "Compare only this stack (repeatable); default: every stack of the environment");
        var force = new Option<bool>("--force-conflicts") { Description = "Show the result of taking over fields other managers own, instead of stopping on conflicts" };
        var cluster = new ClusterOptions();
        var against = new Option<string?>(AgainstFlag) { Description = "Compare with this environment's render instead of the cluster (no kubeconfig needed): a diff per object from ENV's objects to --env's, matched by stack, kind and name" };
        var command = new Command(
            "diff",
            "Show what apply would do: lint first, as apply does (findings at error severity: diff says apply would refuse, exit 1,\n" +
            "and shows no diff); then a unified YAML diff per object (live against a server-side dry run, server-managed fields\n" +
            "removed) and the objects apply would prune; without --stack, a stack the environment deployed and no longer lists\n" +
            "is named on stderr with how to delete it. Exit 0 no changes, 1 changes or lint errors, 2 or more an error\n" +
            "(like kubectl diff), 130 interrupted.\n" +
            "With --against ENV: no cluster; both environments are rendered (with the same --stack and --set) and each object\n" +
            "that differs is shown as a diff from ENV's render to --env's (what promoting --env's settings to ENV changes).\n\n" +
            "Examples:\n" +
            "  stackgen diff --env production\n" +
            "  stackgen diff --env production --stack rabbitmq --set rabbitmq.replicas=5\n" +
            "  stackgen diff --env staging --against production");
        input.AddTo(command);
        command.Options.Add(force);
        command.Options.Add(against);
        cluster.AddTo(command);

        command.SetAction(cli, async (parsed, cancel) =>
        {
            if (parsed.GetValue(against) is { } other)
            {
                Option[] clusterOnly = [force, cluster.Kubeconfig, cluster.Context, cluster.Namespace];
                if (clusterOnly.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false }) is { } given)
                {
                    throw new InputException(SourceLocation.Flag($"{AgainstFlag} {other} {given.Name}"), $"{given.Name} is for a diff against the cluster; {AgainstFlag} compares two renders and reads no cluster, so drop one of them");
                }

                return CompareEnvironments(cli, input.Read(parsed), other);
            }

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
                var outcome = await report.RunAsync(StackManifest.FromRender(rendered.Result), parsed.GetValue(force), token).ConfigureAwait(false);
                await ClusterCommand.WarnOrphansAsync(cli, client, input.Read(parsed), environment, target.Namespace, token).ConfigureAwait(false);
                return outcome switch
                {
                    DiffOutcome.NoChanges => ExitCode.Success,
                    DiffOutcome.Changes => ExitCode.Failed,
                    _ => ExitCode.DiffFailed,
                };
            }, cancel).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>--against: render vs render; exits as diff does (0 the same, 1 different or refused by lint).</summary>
    private static ExitCode CompareEnvironments(CliContext cli, RenderInput input, string other)
    {
        var pipeline = new RenderPipeline(cli);
        var names = pipeline.Loader.EnvironmentNames();
        if (!names.Contains(other))
        {
            throw new InputException(SourceLocation.Flag($"{AgainstFlag} {other}"), $"unknown environment '{other}'{Suggestions.DidYouMean(other, names)} (environments: {string.Join(", ", names)})");
        }

        var refusal = "apply would refuse this render, so diff compared nothing";
        var environment = pipeline.Accepted(input, refusal);
        var baseline = pipeline.Accepted(input with { Environment = other }, refusal);
        if (environment is null || baseline is null)
        {
            return ExitCode.Failed;
        }

        var (name, otherName) = (environment.Environment.Name, baseline.Environment.Name);
        var differ = EnvironmentDiff.Write((name, environment.Result.Objects), (otherName, baseline.Result.Objects), cli.Out);
        cli.Error.WriteLine(differ == 0 ? $"{name} and {otherName} render the same objects" : $"{differ} {(differ == 1 ? "object differs" : "objects differ")} between {otherName} and {name}");
        return differ == 0 ? ExitCode.Success : ExitCode.Failed;
    }
}
