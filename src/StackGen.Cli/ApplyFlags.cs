using System.CommandLine;
using StackGen.Apply;

namespace StackGen.Cli;

/// <summary>The flags apply and rollback share: dry run, conflicts, pruning and waiting.</summary>
public sealed class ApplyFlags
{
    private ApplyFlags()
    {
    }

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Server-side dry run: the server checks everything, nothing is changed" };

    public Option<bool> ForceConflicts { get; } = new("--force-conflicts") { Description = "Take over fields other field managers own; without it, conflicts are listed and nothing is applied" };

    public Option<bool> Prune { get; } = new("--prune") { Description = "Delete objects that left the render (--prune=false keeps them)", DefaultValueFactory = _ => true };

    public Option<bool> Wait { get; } = new("--wait") { Description = "Wait until Deployments, StatefulSets, Jobs and PVCs are healthy (--wait=false returns after applying)", DefaultValueFactory = _ => true };

    public Option<string> Timeout { get; } = new("--timeout") { Description = "How long to wait for health, e.g. 90s, 5m, 1h", DefaultValueFactory = _ => "5m" };

    public static ApplyFlags Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(DryRun);
        command.Options.Add(ForceConflicts);
        command.Options.Add(Prune);
        command.Options.Add(Wait);
        command.Options.Add(Timeout);
    }

    public ApplyOptions Read(ParseResult parsed) => new()
    {
        DryRun = parsed.GetValue(DryRun),
        ForceConflicts = parsed.GetValue(ForceConflicts),
        Prune = parsed.GetValue(Prune),
        Wait = parsed.GetValue(Wait),
        Timeout = ClusterOptions.ParseTimeout(parsed.GetValue(Timeout) ?? "5m"),
    };
}
