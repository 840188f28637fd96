using System.CommandLine;

namespace StackGen.Cli;

/// <summary>`stackgen envs`: every environment with its target and the stacks it deploys.</summary>
public static class EnvsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("envs", "List the environments: kube context, namespace, Kubernetes version and stacks.\n\nExample:\n  stackgen envs");
        command.SetAction(cli, _ =>
        {
            // Every environment is loaded before anything is printed: a listing is complete or, on bad input, absent.
            var pipeline = new RenderPipeline(cli);
            var lines = pipeline.Loader.EnvironmentNames().Select(name =>
            {
                var environment = pipeline.Load(new RenderInput(name, [], []));
                var target = environment.Target;
                return $"{name,-12} context {target.Context}  namespace {target.Namespace}  kubernetes {target.KubernetesVersion}  stacks: {string.Join(", ", environment.Stacks.Select(s => s.Stack.Name))}";
            }).ToArray();
            foreach (var line in lines)
            {
                cli.Out.WriteLine(line);
            }

            return ExitCode.Success;
        });
        return command;
    }
}
