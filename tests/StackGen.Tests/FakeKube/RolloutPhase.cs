namespace StackGen.Tests.FakeKube;

/// <summary>Where a simulated workload is in its rollout.</summary>
internal enum RolloutPhase
{
    Progressing,
    Ready,
    Failed,
}
