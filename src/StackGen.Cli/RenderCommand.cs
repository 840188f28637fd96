using System.CommandLine;
using StackGen.Apply.Diffing;
using StackGen.Cli.Exporting;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Layering;

namespace StackGen.Cli;

/// <summary>`stackgen render`: the manifests of an environment (or of all), to stdout or one file per object; --check compares instead of writing.</summary>
public static class RenderCommand
{
    private const string OutputFlag = "--output";
    private const string CheckFlag = "--check";
    private const string AllEnvsFlag = "--all-envs";

    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to render, unless --all-envs", stacks: "Render only this stack (repeatable); default: every stack of the environment", envRequired: false);
        var output = new Option<string?>(OutputFlag, "-o") { Description = "Write DIR/ENV/STACK/KIND-NAME.yaml instead of printing, replacing the previous render of ENV atomically (only a DIR/ENV stackgen wrote: it lists its files in DIR/ENV/.stackgen-output)" };
        var check = new Option<bool>(CheckFlag) { Description = "With --output: write nothing; exit 0 when DIR/ENV holds exactly what this render would write, else 1 with a unified diff per changed, added or removed file (for CI)" };
        var allEnvs = new Option<bool>(AllEnvsFlag) { Description = "With --output: render every environment (environments/*.yaml, in name order) into DIR/ENV each, instead of --env; all are rendered, linted and their DIR/ENV checked before any is written" };
        var target = new Option<string?>(ExportTargets.Flag)
        {
            Description = $"Who applies the output: {ExportTargets.Choices}. plain (default): the render as is. argocd: sync waves in stack dependency order " +
                "(definitions and namespaces first), Prune=false on PersistentVolumeClaims, definitions and stackgen.io/keep objects, Helm hooks as " +
                "Argo CD hooks, Jobs replaced; Argo CD must use annotation tracking. flux (needs --output): prune: disabled on " +
                "the same objects, kustomization.yaml in DIR/ENV and every stack directory, and DIR/ENV/flux with a Flux Kustomization per stack that " +
                "depends on the stacks it references, and one per stack's Helm hooks (DIR/ENV/STACK/before-workloads) that the stack's waits for. " +
                "Every stack is rendered (no --stack)",
        };
        var fluxSource = new Option<string?>(FluxSource.SourceFlag) { Description = $"With --for flux: the source the Kustomizations read, KIND/NAME in namespace {FluxSource.Namespace} (default {FluxSource.DefaultSource}, what flux bootstrap creates)" };
        var fluxPath = new Option<string?>(FluxSource.PathFlag) { Description = "With --for flux: DIR's path inside that source (default: --output as given, for DIR committed from the repository root; . when DIR is the source's root, as on an environment branch or in an OCI artifact)" };
        var command = new Command(
            "render",
            "Render an environment's stacks to Kubernetes manifests (multi-document YAML, pipe into kubectl apply -f -).\n" +
            "Lint runs first: findings at error severity refuse the render (exit 1), warnings go to stderr.\n" +
            "With --check nothing is written: exit 0 when --output holds exactly this render, 1 and a diff when it does not\n" +
            "(lint errors also exit 1), 2 bad input.\n\n" +
            "Examples:\n" +
            "  stackgen render --env production\n" +
            "  stackgen render --env staging --stack rabbitmq --set rabbitmq.replicas=5\n" +
            "  stackgen render --env production --output rendered/\n" +
            "  stackgen render --all-envs --output rendered/ --check\n" +
            "  stackgen render --all-envs --output rendered/ --for argocd\n" +
            "  stackgen render --env production --output out/ --for flux --flux-path . --flux-source OCIRepository/shop-manifests");
        input.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(check);
        command.Options.Add(allEnvs);
        command.Options.Add(target);
        command.Options.Add(fluxSource);
        command.Options.Add(fluxPath);

        command.SetAction(cli, (parsed, cancel) =>
        {
            var read = input.Read(parsed);
            var directory = parsed.GetValue(output);
            var checking = parsed.GetValue(check);
            var every = parsed.GetValue(allEnvs);
            if (every && read.Environment is { } one)
            {
                throw new InputException(SourceLocation.Flag($"{AllEnvsFlag} {RenderOptions.EnvFlag} {one}"), $"expected {AllEnvsFlag} or {RenderOptions.EnvFlag}, not both; drop {RenderOptions.EnvFlag} to render every environment");
            }

            if ((checking || every) && directory is null)
            {
                throw new InputException(SourceLocation.Flag(checking ? CheckFlag : AllEnvsFlag), $"expected {OutputFlag} DIR with {(checking ? CheckFlag : AllEnvsFlag)}: it {(checking ? "compares DIR/ENV with the render" : "writes each environment to DIR/ENV")}");
            }

            var export = ExportTargets.Parse(parsed.GetValue(target));
            var (source, path) = (parsed.GetValue(fluxSource), parsed.GetValue(fluxPath));
            if (export != ExportTarget.Flux && (source ?? path) is not null)
            {
                var flag = source is not null ? $"{FluxSource.SourceFlag} {source}" : $"{FluxSource.PathFlag} {path}";
                throw new InputException(SourceLocation.Flag(flag), $"expected {ExportTargets.Flag} flux with {flag.Split(' ')[0]}: it says where Flux reads the rendered tree");
            }

            if (export != ExportTarget.Plain && read.Stacks.Count > 0)
            {
                throw new InputException(
                    SourceLocation.Flag($"{ExportTargets.Flag} {ExportTargets.NameOf(export)} {RenderOptions.StackFlag} {read.Stacks[0]}"),
                    $"expected every stack with {ExportTargets.Flag} {ExportTargets.NameOf(export)}: its order spans the environment's stacks; drop {RenderOptions.StackFlag}");
            }

            if (export == ExportTarget.Flux && directory is null)
            {
                throw new InputException(SourceLocation.Flag($"{ExportTargets.Flag} flux"), $"expected {OutputFlag} DIR with {ExportTargets.Flag} flux: it writes kustomization.yaml files and Flux Kustomizations beside the manifests");
            }

            var flux = export == ExportTarget.Flux ? FluxSource.Parse(source, path, directory!) : null;
            var pipeline = new RenderPipeline(cli);
            var names = every ? pipeline.Loader.EnvironmentNames() : [read.Environment ?? throw RenderOptions.EnvMissing($"or {AllEnvsFlag}")];

            // Every environment is rendered and linted before anything is written or compared: one refused, none written.
            var renders = names.Select(name => pipeline.Accepted(read with { Environment = name }, "render refused")).ToList();
            if (renders.Any(r => r is null))
            {
                return Task.FromResult(ExitCode.Failed);
            }

            // Interrupted while rendering: print or write nothing rather than part of it.
            cancel.ThrowIfCancellationRequested();
            var accepted = renders.OfType<Rendered>().ToList();
            if (directory is null)
            {
                YamlEmitter.Write(Exporter.Stream(accepted[0].Result, export), cli.Out);
                return Task.FromResult(ExitCode.Success);
            }

            // Every tree is built (an export may refuse the render) before anything is written or compared.
            var trees = accepted.Select(r => (r.Environment.Name, Tree: Exporter.Tree(r.Result, export, flux), r.Result.Objects.Count)).ToList();
            return Task.FromResult(checking ? Check(cli, directory, trees, read.Stacks) : Write(cli, pipeline, directory, trees, read.Stacks));
        });
        return command;
    }

    private static ExitCode Write(CliContext cli, RenderPipeline pipeline, string directory, List<(string Environment, OutputTree Tree, int Objects)> renders, IReadOnlyList<string> stacks)
    {
        var environments = Path.Combine(pipeline.Loader.Root, RepositoryRoot.EnvironmentsDirectory);
        try
        {
            // --all-envs: every refusal comes before the first write, so a DIR/ENV in the way leaves all of DIR as it was.
            foreach (var (environment, tree, _) in renders.Count > 1 ? renders : [])
            {
                OutputDirectory.CheckWritable(directory, environment, stacks, cli.WorkingDirectory, environments, export: tree.Export);
            }

            foreach (var (environment, tree, objects) in renders)
            {
                OutputDirectory.Write(directory, environment, tree, stacks, cli.WorkingDirectory, environments);
                var extra = tree.Files.Count - objects;
                cli.Error.WriteLine($"wrote {objects} objects{(extra > 0 ? $" and {extra} files for {tree.Export}" : "")} to {Path.Combine(directory, environment)}");
            }
        }
        catch (OutputFailedException e)
        {
            cli.Error.WriteLine(e.Message);
            return ExitCode.Failed;
        }

        return ExitCode.Success;
    }

    /// <summary>--check: a diff per file that differs, in a form `git apply` takes to bring DIR up to date.</summary>
    private static ExitCode Check(CliContext cli, string directory, List<(string Environment, OutputTree Tree, int Objects)> renders, IReadOnlyList<string> stacks)
    {
        var compared = renders.Select(r => OutputDirectory.Compare(directory, r.Environment, r.Tree, stacks, cli.WorkingDirectory)).ToList();
        foreach (var (drift, shown) in compared)
        {
            foreach (var file in drift)
            {
                var path = $"{shown}/{file.Path}";
                var (before, after) = (file.Current is null ? "/dev/null" : path, file.Rendered is null ? "/dev/null" : path);

                // An empty file has no lines to diff; its headers still say it is there.
                var diff = UnifiedDiff.Format(file.Current ?? "", file.Rendered ?? "", before, after);
                cli.Out.Write(diff.Length > 0 ? diff : $"--- {before}\n+++ {after}\n");
            }

            cli.Error.WriteLine(drift.Count == 0
                ? $"{shown} holds exactly this render"
                : $"{shown} differs from this render: {drift.Count(f => f.Current is not null && f.Rendered is not null)} changed, {drift.Count(f => f.Current is null)} to add, {drift.Count(f => f.Rendered is null)} to remove; rerun without {CheckFlag} to update it");
        }

        return compared.Any(c => c.Drift.Count > 0) ? ExitCode.Failed : ExitCode.Success;
    }
}
