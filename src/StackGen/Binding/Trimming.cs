namespace StackGen.Binding;

/// <summary>
/// Why reflection over settings records is safe in the trimmed, Native AOT `stackgen` binary: the CLI roots the
/// engine and stacks assemblies (TrimmerRootAssembly in StackGen.Cli.csproj), so every settings record keeps its
/// properties, init accessors and constructors; the generic collections the binder constructs are instantiated
/// over types those assemblies already use. The golden tests run against the published binary in bench/.
/// </summary>
public static class Trimming
{
    public const string SettingsAreRooted =
        "Settings records live in assemblies the CLI roots (TrimmerRootAssembly); see StackGen.Binding.Trimming.";
}
