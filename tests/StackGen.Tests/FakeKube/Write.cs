namespace StackGen.Tests.FakeKube;

/// <summary>One state change going to the store: which object, through which subresource, by whom, how.</summary>
/// <param name="Applied">Ownership is already settled (server-side apply); otherwise the write is an Update.</param>
/// <param name="Counted">Counts towards <see cref="FakeKubeApiServer.WriteCount"/> (API requests do; the simulated controllers do not).</param>
internal sealed record Write(
    ResourceType Type,
    string? Namespace,
    string Name,
    string Subresource,
    string Manager,
    bool DryRun,
    bool Applied = false,
    bool Counted = true);
