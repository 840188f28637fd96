using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>Finds the directory holding environments/, from the working directory upwards (as git finds .git).</summary>
public static class RepositoryRoot
{
    public const string EnvironmentsDirectory = "environments";

    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, EnvironmentsDirectory)))
            {
                return directory.FullName;
            }
        }

        throw new InputException(
            SourceLocation.Flag(start),
            $"no {EnvironmentsDirectory}/ directory here or in any parent; expected to run inside a StackGen repository, cd into it");
    }
}
