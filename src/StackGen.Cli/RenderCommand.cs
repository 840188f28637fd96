using System.CommandLine;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Validation;
using StackGen.Validation.Reports;

namespace StackGen.Cli;

/// <summary>`stackgen render`: the manifests of an environment, to stdout or one file per object.</summary>
public static class RenderCommand
{
    public static Command Create(CliContext cli)
    {
        var env = new Option<string>("--env", "-e") { Description = "The environment to render (a file environments/ENV.yaml)", Required = true };
        var stack = new Option<string[]>("--stack", "-s") { Description = "Render only this stack (repeatable); default: every stack of the environment" };
        var output = new Option<string?>("--output", "-o") { Description = "Write DIR/ENV/STACK/KIND-NAME.yaml instead of printing, replacing the previous render of ENV atomically (only a DIR/ENV stackgen wrote: it lists its files in DIR/ENV/.stackgen-output)" };
        var set = new Option<string[]>("--set") { Description = "Override a setting: STACK.PATH=VALUE, VALUE null to reset it, never empty (repeatable; applied after environment and team layers)" };
        var command = new Command(
            "render",
            "Render an environment's stacks to Kubernetes manifests (multi-document YAML, pipe into kubectl apply -f -).\n" +
            "Lint runs first: findings at error severity refuse the render (exit 1), warnings go to stderr.\n\n" +
            "Examples:\n" +
            "  stackgen render --env production\n" +
            "  stackgen render --env staging --stack rabbitmq --set rabbitmq.replicas=5\n" +
            "  stackgen render --env production --output rendered/")
        {
            env, stack, output, set,
        };

        command.SetAction(parsed =>
        {
            var stacks = parsed.GetValue(stack) ?? [];
            var loader = cli.Loader();
            var environment = loader.Load(parsed.GetValue(env)!, parsed.GetValue(set) ?? []);
            var result = new Renderer(cli.Catalog).Render(environment, stacks);
            var lint = Linter.Run(result);
            if (lint.Active.Any())
            {
                TextReport.Write(new LintReport(lint.Environment, [.. lint.Active]), cli.Error);
            }

            if (lint.HasErrors)
            {
                cli.Error.WriteLine("render refused: fix the errors above or suppress them with a reason (stackgen lint --explain RULE)");
                return 1;
            }

            if (parsed.GetValue(output) is { } directory)
            {
                try
                {
                    OutputDirectory.Write(directory, environment.Name, result.Objects, stacks, cli.WorkingDirectory, Path.Combine(loader.Root, RepositoryRoot.EnvironmentsDirectory));
                }
                catch (OutputFailedException e)
                {
                    cli.Error.WriteLine(e.Message);
                    return 1;
                }

                cli.Error.WriteLine($"wrote {result.Objects.Count} objects to {Path.Combine(directory, environment.Name)}");
            }
            else
            {
                YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource), cli.Out);
            }

            return 0;
        });
        return command;
    }
}
