using StackGen.Diagnostics;

namespace StackGen.Cli.Exporting;

/// <summary>The names `--for` takes, one per <see cref="ExportTarget"/>.</summary>
public static class ExportTargets
{
    public const string Flag = "--for";

    private static readonly (string Name, ExportTarget Target)[] Names = [("plain", ExportTarget.Plain), ("argocd", ExportTarget.ArgoCd), ("flux", ExportTarget.Flux)];

    /// <summary>"plain, argocd or flux", for help and errors.</summary>
    public static string Choices => $"{string.Join(", ", Names[..^1].Select(n => n.Name))} or {Names[^1].Name}";

    public static string NameOf(ExportTarget target) => Names.First(n => n.Target == target).Name;

    /// <exception cref="InputException">Not one of the names (exit 2), naming the flag and the choices.</exception>
    public static ExportTarget Parse(string? text)
    {
        if (text is null)
        {
            return ExportTarget.Plain;
        }

        foreach (var (name, target) in Names)
        {
            if (name == text)
            {
                return target;
            }
        }

        throw new InputException(
            SourceLocation.Flag($"{Flag} {(text.Length == 0 ? "\"\"" : text)}"),
            $"expected {Choices}{Suggestions.DidYouMean(text, Names.Select(n => n.Name))}");
    }
}
