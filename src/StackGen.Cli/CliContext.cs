using StackGen.Apply;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Stacks;

namespace StackGen.Cli;

/// <summary>What every command needs: the stacks, where to write, and where the repository is.</summary>
/// <param name="Host">What the cluster commands take from the process (clock, terminal, KUBECONFIG); tests pass their own.</param>
public sealed record CliContext(StackCatalog Catalog, TextWriter Out, TextWriter Error, string WorkingDirectory, ApplyHost? Host = null)
{
    public ApplyHost ApplyHost => Host ?? ApplyHost.FromProcess();

    public EnvironmentLoader Loader() => new(RepositoryRoot.Find(WorkingDirectory), Catalog);

    /// <summary>
    /// An input error as the user reads it where they are: a file in environments/ relative to the working directory
    /// (../environments/dev.yaml:9:5 from stacks/), as compilers print paths. What is recorded (explain's provenance,
    /// apply's revisions) keeps the repository-relative form, the same wherever the command ran.
    /// </summary>
    public string Shown(InputError error)
    {
        var text = error.ToString();
        var prefix = RepositoryRoot.EnvironmentsDirectory + "/";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return text;
        }

        string root;
        try
        {
            root = RepositoryRoot.Find(WorkingDirectory);
        }
        catch (InputException)
        {
            return text;
        }

        var environments = Path.GetRelativePath(WorkingDirectory, Path.Combine(root, RepositoryRoot.EnvironmentsDirectory));
        return environments == "." ? text[prefix.Length..] : $"{environments}/{text[prefix.Length..]}";
    }
}
