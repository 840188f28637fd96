using System.CommandLine;
using StackGen.Diagnostics;
using StackGen.Validation;
using StackGen.Validation.Reports;

namespace StackGen.Cli;

/// <summary>`stackgen lint`: the validation render runs, on its own, with machine-readable output.</summary>
public static class LintCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new RenderOptions("The environment to lint", stacks: "Lint only this stack (repeatable)", envRequired: false);
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json or sarif", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var explain = new Option<string?>("--explain") { Description = "Print what a rule checks, why, and how to fix it (e.g. SG2001); 'all' lists every rule" };
        var command = new Command(
            "lint",
            "Check rendered objects against Kubernetes' rules and the production lessons. Exit 0 clean, 1 findings at error severity, 2 bad input.\n\n" +
            "Examples:\n" +
            "  stackgen lint --env production\n" +
            "  stackgen lint --env production --format sarif > stackgen.sarif\n" +
            "  stackgen lint --explain SG2004");
        input.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(explain);

        command.SetAction(cli, parsed =>
        {
            if (parsed.GetValue(explain) is { } id)
            {
                return Explain(cli, id);
            }

            var read = input.Read(parsed);
            var report = new RenderPipeline(cli).Lint(read.Environment is null ? throw RenderOptions.EnvMissing("or --explain RULE") : read).Lint;
            switch (parsed.GetValue(format))
            {
                case "json":
                    cli.Out.Write(JsonReport.Write(report));
                    break;
                case "sarif":
                    cli.Out.Write(SarifReport.Write(report));
                    break;
                default:
                    TextReport.Write(report, cli.Out);
                    break;
            }

            return report.HasErrors ? ExitCode.Failed : ExitCode.Success;
        });
        return command;
    }

    private static ExitCode Explain(CliContext cli, string id)
    {
        var rules = Linter.RulesFor(cli.Catalog.Stacks);
        if (id == "all")
        {
            foreach (var rule in rules)
            {
                cli.Out.WriteLine($"{rule.Id}  {rule.Title}");
            }

            return ExitCode.Success;
        }

        var found = Linter.Find(rules, id) ?? throw new InputException(
            SourceLocation.Flag($"--explain {id}"),
            $"unknown rule '{id}'{Suggestions.DidYouMean(id, rules.Select(r => r.Id))}; `stackgen lint --explain all` lists them");
        TextReport.Explain(found, cli.Out);
        return ExitCode.Success;
    }
}
