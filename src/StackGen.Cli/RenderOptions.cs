using System.CommandLine;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>
/// The flags that say what to render (--env, --stack, --set), declared here once for every command that loads an
/// environment, and read into a <see cref="RenderInput"/> in one way. A command chooses which of them it takes and
/// words their descriptions for what it does with them.
/// </summary>
public sealed class RenderOptions
{
    public const string EnvFlag = "--env";
    public const string StackFlag = "--stack";
    public const string SetFlag = "--set";

    private readonly Option<string?> _env;
    private readonly Option<string[]>? _stacks;
    private readonly Option<string>? _stack;
    private readonly Option<string[]>? _set;

    /// <param name="env">What --env is for, e.g. "The environment to render".</param>
    /// <param name="stacks">The description of a repeatable --stack (null: no such flag).</param>
    /// <param name="oneStack">The description of a required single --stack (history, rollback); null: no such flag.</param>
    /// <param name="set">Whether the command takes --set.</param>
    /// <param name="envRequired">False only where another flag stands in for --env (lint --explain).</param>
    public RenderOptions(string env, string? stacks = null, string? oneStack = null, bool set = true, bool envRequired = true)
    {
        _env = new Option<string?>(EnvFlag, "-e") { Description = $"{env} (a file environments/ENV.yaml)", Required = envRequired };
        _stacks = stacks is null ? null : new Option<string[]>(StackFlag, "-s") { Description = stacks };
        _stack = oneStack is null ? null : new Option<string>(StackFlag, "-s") { Description = oneStack, Required = true };
        _set = set
            ? new Option<string[]>(SetFlag) { Description = "Override a setting: STACK.PATH=VALUE, VALUE null to reset it, never empty (repeatable; applied after environment and team layers)" }
            : null;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_env);
        if (_stacks is not null)
        {
            command.Options.Add(_stacks);
        }

        if (_stack is not null)
        {
            command.Options.Add(_stack);
        }

        if (_set is not null)
        {
            command.Options.Add(_set);
        }
    }

    public RenderInput Read(ParseResult parsed) => new(
        parsed.GetValue(_env),
        _stacks is not null ? parsed.GetValue(_stacks) ?? [] : _stack is not null && parsed.GetValue(_stack) is { } one ? [one] : [],
        _set is not null ? parsed.GetValue(_set) ?? [] : []);

    /// <summary>The error for a command run without --env where it is optional; <paramref name="alternative"/> names what else it takes.</summary>
    public static InputException EnvMissing(string? alternative = null) =>
        new(SourceLocation.Flag(EnvFlag), $"expected {EnvFlag} ENV{(alternative is null ? "" : $" ({alternative})")}");
}
