using StackGen.Diagnostics;

namespace StackGen.Charts;

/// <summary>
/// Renders a vendored chart with `helm template`, everything pinned: release name, namespace, --kube-version,
/// --api-versions, --include-crds, the values in a file of their own, helm's environment emptied (<see cref="HelmTool"/>).
/// No network, no cluster, no repository: only the chart in vendor/ and the values. Returns helm's multi-document YAML,
/// after checking that a second render gives the same bytes.
/// </summary>
public static class HelmTemplate
{
    private const string ValuesFile = "values.json";

    /// <exception cref="InputException">helm failed (its error in one line, naming the chart), or two renders differ (exit 2).</exception>
    public static string Render(HelmTool helm, HelmTemplateRequest request, CancellationToken cancel = default)
    {
        var work = Directory.CreateTempSubdirectory("stackgen-chart-").FullName;
        try
        {
            var values = Path.Combine(work, ValuesFile);
            File.WriteAllText(values, request.Values.Json.ToJsonString() + "\n");
            // Twice, side by side: a chart that generates a value (randAlphaNum, uuidv4, now) renders differently each
            // time, and a render must be reproducible. Two processes on two cores cost about the time of one.
            var arguments = Arguments(request, values);
            var runs = new[] { Task.Run(() => helm.Run(arguments, network: false, cancel)), Task.Run(() => helm.Run(arguments, network: false, cancel)) };
            var (first, second) = (runs[0].GetAwaiter().GetResult(), runs[1].GetAwaiter().GetResult());
            var chart = SourceLocation.File(request.Chart.Shown);
            if (first.ExitCode != 0)
            {
                var message = first.ErrorLine()
                    .Replace(values, $"the values for {request.Chart.Name}", StringComparison.Ordinal)
                    .Replace(request.Chart.Directory, request.Chart.Shown, StringComparison.Ordinal);
                throw new InputException(chart, $"helm template failed: {message}");
            }

            return first.Out == second.Out
                ? first.Out
                : throw new InputException(chart, $"renders differently on every run ({FirstDifference(first.Out, second.Out)}): the chart generates the value (randAlphaNum, uuidv4, now, genCA...); give it in the values (a password, an existing Secret) so the render is reproducible");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Where two renders first differ: the template ("# Source:" line) and the key, never the value (it may be a generated password).</summary>
    private static string FirstDifference(string first, string second)
    {
        var (a, b) = (first.Split('\n'), second.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        var source = a.Take(line).LastOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal))?["# Source: ".Length..] ?? "the output";
        var text = line < a.Length ? a[line].Trim() : "";
        var key = text.Contains(':', StringComparison.Ordinal) ? text[..text.IndexOf(':', StringComparison.Ordinal)].Trim(' ', '-', '"') : "";
        return key.Length > 0 ? $"{source}, {key}" : source;
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
