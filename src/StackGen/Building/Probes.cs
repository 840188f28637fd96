using k8s.Models;

namespace StackGen.Building;

/// <summary>Readiness and liveness probes with production-minded timing (a slow node is not a dead one).</summary>
public static class Probes
{
    /// <summary>Ready when the named port accepts TCP connections.</summary>
    public static V1Probe Tcp(string port, int periodSeconds = 10, int failureThreshold = 3) => new()
    {
        TcpSocket = new V1TCPSocketAction { Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
    };

    /// <summary>An HTTP GET on a path of the named port.</summary>
    public static V1Probe Http(string path, string port, int periodSeconds = 10, int failureThreshold = 3) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
    };

    /// <summary>A command in the container; exit code 0 is healthy.</summary>
    public static V1Probe Exec(IReadOnlyList<string> command, int periodSeconds = 30, int timeoutSeconds = 20, int failureThreshold = 3) => new()
    {
        Exec = new V1ExecAction { Command = [.. command] },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = timeoutSeconds,
        FailureThreshold = failureThreshold,
    };

    /// <summary>Gives a slow start this long before liveness may restart the container.</summary>
    public static V1Probe Startup(V1Probe probe, TimeSpan allowed) => probe with
    {
        FailureThreshold = (int)Math.Ceiling(allowed.TotalSeconds / (probe.PeriodSeconds ?? 10)),
    };
}
