using StackGen.Apply;
using StackGen.Layering;
using StackGen.Stacks;

namespace StackGen.Cli;

/// <summary>What every command needs: the stacks, where to write, and where the repository is.</summary>
/// <param name="Host">What the cluster commands take from the process (clock, terminal, KUBECONFIG); tests pass their own.</param>
public sealed record CliContext(StackCatalog Catalog, TextWriter Out, TextWriter Error, string WorkingDirectory, ApplyHost? Host = null)
{
    public ApplyHost ApplyHost => Host ?? ApplyHost.FromProcess();

    public EnvironmentLoader Loader() => new(RepositoryRoot.Find(WorkingDirectory), Catalog);
}
