using System.CommandLine;

namespace StackGen.Cli;

/// <summary>`stackgen envs`: every environment with its target and the stacks it deploys.</summary>
public static class EnvsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("envs", "List the environments: kube context, namespace, Kubernetes version and stacks.\n\nExample:\n  stackgen envs");
        command.SetAction(_ =>
        {
            var loader = cli.Loader();
            foreach (var name in loader.EnvironmentNames())
            {
                var environment = loader.Load(name, []);
                var target = environment.Target;
                cli.Out.WriteLine($"{name,-12} context {target.Context}  namespace {target.Namespace}  kubernetes {target.KubernetesVersion}  stacks: {string.Join(", ", environment.Stacks.Select(s => s.Stack.Name))}");
            }

            return 0;
        });
        return command;
    }
}
