using StackGen.Layering;
using StackGen.Stacks;

namespace StackGen.Cli;

/// <summary>What every command needs: the stacks, where to write, and where the repository is.</summary>
public sealed record CliContext(StackCatalog Catalog, TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    public EnvironmentLoader Loader() => new(RepositoryRoot.Find(WorkingDirectory), Catalog);
}
