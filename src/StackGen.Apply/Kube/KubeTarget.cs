using k8s;
using k8s.Exceptions;
using StackGen.Diagnostics;

namespace StackGen.Apply.Kube;

/// <summary>
/// The cluster apply talks to: a kubeconfig file, a context in it and the namespace, each with where it came
/// from (a flag, KUBECONFIG, the environment file) so that errors say what to fix.
/// </summary>
public sealed record KubeTarget(string Kubeconfig, string KubeconfigOrigin, string Context, string Namespace)
{
    public override string ToString() => $"context {Context}, namespace {Namespace}";

    /// <summary>The client configuration for the context; bad input (no file, no such context) is an InputException.</summary>
    public KubernetesClientConfiguration Configuration()
    {
        if (!File.Exists(Kubeconfig))
        {
            throw new InputException(SourceLocation.Flag(KubeconfigOrigin), $"kubeconfig file {Kubeconfig} does not exist; pass --kubeconfig FILE or set KUBECONFIG");
        }

        k8s.KubeConfigModels.K8SConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(Kubeconfig));
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or IOException)
        {
            throw new InputException(SourceLocation.Flag(KubeconfigOrigin), $"cannot read kubeconfig {Kubeconfig}: {e.Message}");
        }

        var contexts = (config.Contexts ?? []).Select(c => c.Name).ToArray();
        if (!contexts.Contains(Context))
        {
            throw new InputException(
                SourceLocation.Flag($"context {Context}"),
                $"kubeconfig {Kubeconfig} has no context '{Context}'{Suggestions.DidYouMean(Context, contexts)} (contexts: {string.Join(", ", contexts)}); pass --context or set target.context in the environment file");
        }

        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(config, Context);
            configuration.Namespace = Namespace;
            return configuration;
        }
        catch (KubeConfigException e)
        {
            throw new InputException(SourceLocation.Flag($"context {Context}"), $"kubeconfig {Kubeconfig}: {e.Message}");
        }
    }

    /// <summary>
    /// Flags win over the environment file's target. The kubeconfig is --kubeconfig, else KUBECONFIG, else
    /// ~/.kube/config. KUBECONFIG may list several files (':'-separated, like kubectl); kubectl merges them,
    /// StackGen uses the first non-empty entry (documented in the README).
    /// </summary>
    public static KubeTarget Resolve(Layering.Target target, string? kubeconfig, string? context, string? ns, ApplyHost host, string workingDirectory)
    {
        string file;
        string origin;
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            (file, origin) = (kubeconfig, $"--kubeconfig {kubeconfig}");
        }
        else if (host.Environment("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..])
        {
            (file, origin) = (first, $"KUBECONFIG={host.Environment("KUBECONFIG")}");
        }
        else
        {
            var home = host.Environment("HOME") ?? host.Environment("USERPROFILE") ?? ".";
            (file, origin) = (Path.Combine(home, ".kube", "config"), "~/.kube/config");
        }

        return new KubeTarget(Path.GetFullPath(file, workingDirectory), origin, string.IsNullOrEmpty(context) ? target.Context : context, string.IsNullOrEmpty(ns) ? target.Namespace : ns);
    }
}
