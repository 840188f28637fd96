using System.CommandLine;
using StackGen.Emitting;
using StackGen.Layering;

namespace StackGen.Cli;

/// <summary>`stackgen render`: the manifests of an environment, to stdout or one file per object.</summary>
public static class RenderCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to render", stacks: "Render only this stack (repeatable); default: every stack of the environment");
        var output = new Option<string?>("--output", "-o") { Description = "Write DIR/ENV/STACK/KIND-NAME.yaml instead of printing, replacing the previous render of ENV atomically (only a DIR/ENV stackgen wrote: it lists its files in DIR/ENV/.stackgen-output)" };
        var command = new Command(
            "render",
            "Render an environment's stacks to Kubernetes manifests (multi-document YAML, pipe into kubectl apply -f -).\n" +
            "Lint runs first: findings at error severity refuse the render (exit 1), warnings go to stderr.\n\n" +
            "Examples:\n" +
            "  stackgen render --env production\n" +
            "  stackgen render --env staging --stack rabbitmq --set rabbitmq.replicas=5\n" +
            "  stackgen render --env production --output rendered/");
        input.AddTo(command);
        command.Options.Add(output);

        command.SetAction(cli, (parsed, cancel) =>
        {
            var read = input.Read(parsed);
            var pipeline = new RenderPipeline(cli);
            if (pipeline.Accepted(read, "render refused") is not { } rendered)
            {
                return Task.FromResult(ExitCode.Failed);
            }

            // Interrupted while rendering: print or write nothing rather than part of it.
            cancel.ThrowIfCancellationRequested();
            var (environment, result) = (rendered.Environment, rendered.Result);
            if (parsed.GetValue(output) is { } directory)
            {
                try
                {
                    var environments = Path.Combine(pipeline.Loader.Root, RepositoryRoot.EnvironmentsDirectory);
                    OutputDirectory.Write(directory, environment.Name, result.Objects, read.Stacks, cli.WorkingDirectory, environments);
                }
                catch (OutputFailedException e)
                {
                    cli.Error.WriteLine(e.Message);
                    return Task.FromResult(ExitCode.Failed);
                }

                cli.Error.WriteLine($"wrote {result.Objects.Count} objects to {Path.Combine(directory, environment.Name)}");
            }
            else
            {
                YamlEmitter.Write(result.Objects.Select(o => (object)o.Resource), cli.Out);
            }

            return Task.FromResult(ExitCode.Success);
        });
        return command;
    }
}
