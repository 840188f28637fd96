using StackGen.Apply.Kube;

namespace StackGen.Apply;

/// <summary>
/// What apply takes from the process it runs in: environment variables, the terminal, the clock, who is
/// applying, and the timings of retries, polls and the lock. The CLI uses <see cref="FromProcess"/>;
/// tests pass a fake clock and instant delays so that retries, waits and lease expiry take no real time.
/// </summary>
public sealed record ApplyHost
{
    /// <summary>Reads an environment variable (KUBECONFIG, HOME, CI).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>"alice@laptop pid 4242": written into the lock's holderIdentity and each revision's "who".</summary>
    public required string Identity { get; init; }

    /// <summary>True when stdout is a terminal: progress is redrawn in place (unless CI=true).</summary>
    public bool IsTerminal { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Every wait apply does (retry backoff, polls) goes through this, so tests can skip the time.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (delay, cancel) => Task.Delay(delay, cancel);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>One API request longer than this is abandoned and retried (a hung connection must not hang apply).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the apply lock lasts unless renewed; a crashed apply's lock is taken over after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redraw progress lines in place: only on a terminal, and never in CI, whose logs keep every byte.</summary>
    public bool LiveProgress => IsTerminal && Environment("CI") != "true";

    public static ApplyHost FromProcess() => new()
    {
        Environment = System.Environment.GetEnvironmentVariable,
        Identity = $"{System.Environment.UserName}@{System.Environment.MachineName} pid {System.Environment.ProcessId}",
        IsTerminal = !Console.IsOutputRedirected,
    };
}
