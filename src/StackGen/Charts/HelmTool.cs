using System.Diagnostics;
using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// The helm binary StackGen runs (`helm template` to render a vendored chart, `helm pull` to vendor from a repository),
/// always in a clean environment: HOME and every HELM_* directory in a fresh temporary directory, no kubeconfig, no
/// plugins, no repositories, so nothing of the user's helm setup can change a render.
/// </summary>
public sealed class HelmTool
{
    /// <summary>Names the helm binary to use, overriding PATH.</summary>
    public const string EnvironmentVariable = "STACKGEN_HELM";

    /// <summary>Where tools/install-helm puts helm, relative to the repository.</summary>
    public const string RepositoryInstall = ".tools/bin/helm";

    private HelmTool(string path)
    {
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>
    /// The helm to run: $STACKGEN_HELM, else the first helm on PATH, else the repository's own install
    /// (ROOT/.tools/bin/helm, written by tools/install-helm).
    /// </summary>
    /// <param name="root">The repository root, for its own install; null when there is none.</param>
    /// <param name="usedFor">What needs helm (the chart), named by the error when there is none.</param>
    /// <param name="environment">Reads an environment variable; the process's when null.</param>
    /// <exception cref="InputException">No helm anywhere, or STACKGEN_HELM names no executable file.</exception>
    public static HelmTool Find(string? root, SourceLocation usedFor, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(EnvironmentVariable) is { Length: > 0 } chosen)
        {
            return IsExecutable(chosen)
                ? new HelmTool(Path.GetFullPath(chosen))
                : throw new InputException(SourceLocation.Flag($"{EnvironmentVariable}={chosen}"), "expected the path of a helm v4 binary; no executable file is there (unset it to use helm from PATH, or run tools/install-helm)");
        }

        var candidates = (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "helm"));
        if (root is not null)
        {
            candidates = candidates.Append(Path.Combine(root, RepositoryInstall));
        }

        return candidates.FirstOrDefault(IsExecutable) is { } found
            ? new HelmTool(Path.GetFullPath(found))
            : throw new InputException(usedFor, $"needs helm (StackGen renders and pulls charts with it), which was not found (not on PATH, no {RepositoryInstall}); install it with tools/install-helm, or set {EnvironmentVariable} to a helm v4 binary");
    }

    /// <summary>Runs helm with the arguments in a clean environment and returns what it printed.</summary>
    /// <param name="network">Keep the proxy and CA settings of the process (helm pull); rendering never needs them.</param>
    public HelmResult Run(IReadOnlyList<string> arguments, bool network = false, CancellationToken cancel = default)
    {
        var home = Directory.CreateTempSubdirectory("stackgen-helm-").FullName;
        try
        {
            var start = new ProcessStartInfo(FilePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = home,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var (name, value) in CleanEnvironment(home, network))
            {
                start.Environment[name] = value;
            }

            Process? started;
            try
            {
                started = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InputException(SourceLocation.File(FilePath), $"could not run helm: {e.Message.TrimEnd('.')}; expected a helm v4 binary (tools/install-helm installs one)");
            }

            using var process = started ?? throw new InvalidOperationException($"could not start {FilePath}");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var error = process.StandardError.ReadToEndAsync(cancel);
            try
            {
                process.WaitForExitAsync(cancel).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new HelmResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>The whole environment helm runs with: its own directories under <paramref name="home"/>, and nothing else of ours.</summary>
    private static IEnumerable<(string Name, string Value)> CleanEnvironment(string home, bool network)
    {
        yield return ("HOME", home);
        yield return ("TMPDIR", home);
        yield return ("PATH", "/usr/local/bin:/usr/bin:/bin");
        yield return ("HELM_CACHE_HOME", Path.Combine(home, "cache"));
        yield return ("HELM_CONFIG_HOME", Path.Combine(home, "config"));
        yield return ("HELM_DATA_HOME", Path.Combine(home, "data"));
        yield return ("HELM_PLUGINS", Path.Combine(home, "plugins"));
        yield return ("HELM_REPOSITORY_CONFIG", Path.Combine(home, "config", "repositories.yaml"));
        yield return ("HELM_REPOSITORY_CACHE", Path.Combine(home, "cache", "repository"));
        yield return ("HELM_REGISTRY_CONFIG", Path.Combine(home, "config", "registry.json"));
        yield return ("KUBECONFIG", Path.Combine(home, "kubeconfig"));
        if (!network)
        {
            yield break;
        }

        foreach (var name in new[] { "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                yield return (name, value);
            }
        }
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
