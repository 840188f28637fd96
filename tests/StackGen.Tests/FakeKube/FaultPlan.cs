namespace StackGen.Tests.FakeKube;

/// <summary>What the armed faults do to one request: hold it, then fail it (or not).</summary>
internal sealed record FaultPlan(TimeSpan Delay, FaultInjector.Fault? Failure, int RetryAfterSeconds);
