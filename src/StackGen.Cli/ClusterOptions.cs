using System.CommandLine;
using StackGen.Apply.Kube;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Settings;

namespace StackGen.Cli;

/// <summary>The kubectl-style flags every cluster command takes, and how they override the environment's target.</summary>
public sealed class ClusterOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "The kubeconfig file; default: the first file in KUBECONFIG, else ~/.kube/config" };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context; default: the environment's target.context" };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace; default: the environment's target.namespace" };

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    /// <summary>The environment with --namespace applied to its target, so the render itself targets that namespace.</summary>
    public Func<EnvironmentConfig, EnvironmentConfig> Retarget(ParseResult parsed) => environment =>
        parsed.GetValue(Namespace) is { Length: > 0 } ns ? environment with { Target = environment.Target with { Namespace = ns } } : environment;

    public KubeTarget Resolve(EnvironmentConfig environment, ParseResult parsed, CliContext cli) =>
        KubeTarget.Resolve(environment.Target, parsed.GetValue(Kubeconfig), parsed.GetValue(Context), parsed.GetValue(Namespace), cli.ApplyHost, cli.WorkingDirectory);

    /// <summary>Reads --timeout the way settings read durations: 90s, 5m, 1h30m.</summary>
    public static TimeSpan ParseTimeout(string text) =>
        Duration.TryParse(text, out var duration)
            ? duration.Value
            : throw new InputException(SourceLocation.Flag($"--timeout {text}"), $"expected {Duration.Expected}");

    /// <summary>A --stack naming a stack of the catalog; history and rollback work from the cluster, so the render cannot check it.</summary>
    public static string KnownStack(CliContext cli, string name) =>
        cli.Catalog.Find(name) is not null
            ? name
            : throw new InputException(SourceLocation.Flag($"{RenderOptions.StackFlag} {name}"), $"unknown stack '{name}'{Suggestions.DidYouMean(name, cli.Catalog.Names)} (stacks: {string.Join(", ", cli.Catalog.Names)})");
}
