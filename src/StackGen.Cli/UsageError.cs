using System.CommandLine;
using System.CommandLine.Parsing;
using StackGen.Diagnostics;

namespace StackGen.Cli;

/// <summary>
/// What was wrong with the command line, as one located line: a mistyped command or flag gets a did-you-mean (as a
/// mistyped setting does), a value of the wrong type names its flag and the type expected. System.CommandLine reports
/// a mistyped command as several errors (the word, each argument after it, the missing command); they are one problem.
/// </summary>
public static class UsageError
{
    public static InputError Of(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = string.Join("", CommandPath(parsed.CommandResult).Select(name => " " + name));
        var help = $"see 'stackgen{path} --help'";
        if (parsed.UnmatchedTokens is [var token, ..])
        {
            if (token.StartsWith('-'))
            {
                var flags = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(c => c.Options.Where(o => o.Recursive)))
                    .SelectMany(o => o.Aliases.Prepend(o.Name))
                    .Where(f => f.StartsWith("--", StringComparison.Ordinal))
                    .Distinct()
                    .ToArray();
                var name = token.Split('=')[0];
                return new InputError(SourceLocation.Flag(name), $"unknown flag{Suggestions.DidYouMean(name, flags)} ({help})");
            }

            if (!command.Parents.Any())
            {
                var commands = command.Subcommands.Select(c => c.Name).ToArray();
                return new InputError(SourceLocation.Flag($"stackgen {token}"), $"unknown command '{token}'{Suggestions.DidYouMean(token, commands)} (commands: {string.Join(", ", commands)}; {help})");
            }

            // `--prune=maybe`: a boolean flag takes no separate value, so the parser leaves the value over.
            var at = parsed.Tokens.Select(t => t.Value).ToList().IndexOf(token);
            if (at > 0 && parsed.Tokens[at - 1] is { Type: TokenType.Option } flag
                && command.Options.FirstOrDefault(o => o.Name == flag.Value || o.Aliases.Contains(flag.Value)) is { } option
                && Expected(option.ValueType) is { } flagExpects)
            {
                return new InputError(SourceLocation.Flag($"{option.Name} {token}"), $"expected {flagExpects}, got '{token}' ({help})");
            }

            return new InputError(SourceLocation.Flag(token), $"unexpected argument; expected flags written --flag VALUE ({help})");
        }

        var error = parsed.Errors[0];
        if ((error.SymbolResult as OptionResult ?? error.SymbolResult?.Parent as OptionResult) is { } result
            && result.Tokens.Count > 0
            && Expected(result.Option.ValueType) is { } expected)
        {
            var value = result.Tokens[^1].Value;
            return new InputError(SourceLocation.Flag($"{result.Option.Name} {value}"), $"expected {expected}, got '{value}' ({help})");
        }

        return new InputError(SourceLocation.Flag($"stackgen{path}"), $"{LowerFirst(error.Message.TrimEnd('.'))} ({help})");
    }

    /// <summary>What a flag of this type takes, in words; null for strings (which any token is).</summary>
    private static string? Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => "an integer",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) || t == typeof(string[]) => null,
        var t => $"a {t.Name}",
    };

    private static string LowerFirst(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static List<string> CommandPath(CommandResult? result)
    {
        var names = new List<string>();
        for (; result is not null && result.Parent is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
