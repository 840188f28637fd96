using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// Renders a vendored chart with `helm template`, everything pinned: release name, namespace, --kube-version,
/// --api-versions, --include-crds, the values in a file of their own, helm's environment emptied (<see cref="HelmTool"/>).
/// No network, no cluster, no repository: only the chart in vendor/ and the values. Returns helm's multi-document YAML.
/// </summary>
public static class HelmTemplate
{
    private const string ValuesFile = "values.json";

    /// <exception cref="InputException">helm failed: its error in one line, naming the chart (exit 2).</exception>
    public static string Render(HelmTool helm, HelmTemplateRequest request, CancellationToken cancel = default)
    {
        var work = Directory.CreateTempSubdirectory("stackgen-chart-").FullName;
        try
        {
            var values = Path.Combine(work, ValuesFile);
            File.WriteAllText(values, request.Values.Json.ToJsonString() + "\n");
            var result = helm.Run(Arguments(request, values), network: false, cancel);
            if (result.ExitCode != 0)
            {
                var message = result.ErrorLine()
                    .Replace(values, $"the values for {request.Chart.Name}", StringComparison.Ordinal)
                    .Replace(request.Chart.Directory, request.Chart.Shown, StringComparison.Ordinal);
                throw new InputException(SourceLocation.File(request.Chart.Shown), $"helm template failed: {message}");
            }

            return result.Out;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>helm's command line for the request, with the values in <paramref name="valuesFile"/>.</summary>
    public static IReadOnlyList<string> Arguments(HelmTemplateRequest request, string valuesFile)
    {
        var arguments = new List<string>
        {
            "template", request.Release, request.Chart.Directory,
            "--namespace", request.Namespace,
            "--kube-version", request.KubernetesVersion,
        };
        foreach (var apiVersion in request.ApiVersions ?? KubernetesApiVersions.Served(request.KubernetesVersion))
        {
            arguments.Add("--api-versions");
            arguments.Add(apiVersion);
        }

        arguments.AddRange(["--include-crds", "--values", valuesFile]);
        return arguments;
    }
}
