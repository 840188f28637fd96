using StackGen.Diagnostics;

namespace StackGen.Cli.Exporting;

/// <summary>
/// Where Flux reads the rendered tree: the source object (a GitRepository, OCIRepository or Bucket in the flux-system
/// namespace, as `flux bootstrap` and `flux create source` make them) and the path of `--output DIR` inside it.
/// </summary>
/// <param name="Path">"./rendered": DIR relative to the source's root, as a Kustomization's spec.path starts.</param>
public sealed record FluxSource(string Kind, string Name, string Path)
{
    public const string SourceFlag = "--flux-source";
    public const string PathFlag = "--flux-path";

    /// <summary>Where Flux's own objects live; the generated Kustomizations go there too.</summary>
    public const string Namespace = "flux-system";

    /// <summary>The source `flux bootstrap` creates: the Git repository Flux itself is installed from.</summary>
    public const string DefaultSource = "GitRepository/flux-system";

    private static readonly string[] Kinds = ["GitRepository", "OCIRepository", "Bucket"];

    /// <param name="source">--flux-source KIND/NAME; null: <see cref="DefaultSource"/>.</param>
    /// <param name="path">--flux-path; null: <paramref name="output"/> as given, for a tree committed from the repository root.</param>
    /// <param name="output">--output as given.</param>
    /// <exception cref="InputException">A malformed flag, or an absolute --output without --flux-path (exit 2).</exception>
    public static FluxSource Parse(string? source, string? path, string output)
    {
        var text = source ?? DefaultSource;
        var parts = text.Split('/');
        if (parts is not [var kind, var name] || !Kinds.Contains(kind, StringComparer.Ordinal) || !Naming.Names.IsDnsSubdomain(name))
        {
            throw new InputException(
                SourceLocation.Flag($"{SourceFlag} {(text.Length == 0 ? "\"\"" : text)}"),
                $"expected KIND/NAME of a Flux source in namespace {Namespace}, KIND one of {string.Join(", ", Kinds)} and NAME a lower-case DNS name, such as {DefaultSource}");
        }

        var flag = path is null ? $"--output {output}" : $"{PathFlag} {(path.Length == 0 ? "\"\"" : path)}";
        var given = (path ?? output).Replace('\\', '/');
        if (given.Length == 0 || System.IO.Path.IsPathRooted(given))
        {
            throw new InputException(
                SourceLocation.Flag(flag),
                $"expected {(path is null ? $"a relative --output, or {PathFlag} PATH: Flux's Kustomizations name DIR by its path in their source" : "DIR's path relative to the root of the Flux source, such as . or ./rendered")}");
        }

        var segments = given.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw new InputException(SourceLocation.Flag(flag), $"expected a path inside the Flux source, without '..'; pass {PathFlag} with DIR's path relative to the source's root");
        }

        return new FluxSource(kind, name, string.Join('/', [".", .. segments]));
    }
}
