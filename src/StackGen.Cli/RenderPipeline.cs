using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Validation;
using StackGen.Validation.Reports;

namespace StackGen.Cli;

/// <summary>
/// load → render → lint → refuse, composed once: every command that reads an environment goes through here and
/// stops at the step it needs (explain and history after loading, lint after linting; render, diff and apply go
/// all the way, so each refuses exactly what the others refuse).
/// </summary>
public sealed class RenderPipeline(CliContext cli)
{
    private EnvironmentLoader? _loader;

    /// <summary>The repository's environments, found from the working directory once per pipeline.</summary>
    public EnvironmentLoader Loader => _loader ??= cli.Loader();

    /// <param name="retarget">What the command changes in the loaded environment before rendering (--namespace).</param>
    public EnvironmentConfig Load(RenderInput input, Func<EnvironmentConfig, EnvironmentConfig>? retarget = null)
    {
        var environment = Loader.Load(input.Environment ?? throw RenderOptions.EnvMissing(), input.Sets);
        return retarget is null ? environment : retarget(environment);
    }

    public Rendered Lint(RenderInput input, Func<EnvironmentConfig, EnvironmentConfig>? retarget = null)
    {
        var environment = Load(input, retarget);
        var result = new Renderer(cli.Catalog).Render(environment, input.Stacks);
        return new Rendered(environment, result, Linter.Run(result));
    }

    /// <summary>
    /// The render, unless lint refuses it: active findings go to stderr; errors print <paramref name="refusal"/>
    /// ("apply refused") with what to do, and give null, so nothing is printed, written or sent.
    /// </summary>
    public Rendered? Accepted(RenderInput input, string refusal, Func<EnvironmentConfig, EnvironmentConfig>? retarget = null)
    {
        var rendered = Lint(input, retarget);
        if (rendered.Lint.Active.Any())
        {
            TextReport.Write(new LintReport(rendered.Lint.Environment, [.. rendered.Lint.Active]), cli.Error);
        }

        if (rendered.Lint.HasErrors)
        {
            cli.Error.WriteLine($"{refusal}: fix the lint errors above or suppress them with a reason (stackgen lint --explain RULE)");
            return null;
        }

        return rendered;
    }
}
