namespace StackGen.Tests.Charts;

public sealed record OperatorManifestSettings
{
    /// <summary>The Deployment the stack patches: a setting, so a test can ask for one the manifest does not have.</summary>
    public string Deployment { get; init; } = "queue-operator";
}
