namespace StackGen.Cli.Exporting;

/// <summary>
/// Who applies the rendered files (`render --for`): StackGen's own apply or a human (plain, the render's bytes
/// unchanged), or a GitOps engine that needs the render to say what apply knows without being told.
/// </summary>
public enum ExportTarget
{
    Plain,
    ArgoCd,
    Flux,
}
