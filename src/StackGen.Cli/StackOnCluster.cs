using StackGen.Apply;
using StackGen.Apply.Kube;
using StackGen.Layering;

namespace StackGen.Cli;

/// <summary>What a command on one stack's state on the cluster works with (history, rollback, delete).</summary>
/// <param name="Stack">The --stack, checked against the catalog.</param>
/// <param name="Client">Open for the command's work; disposed after it.</param>
public sealed record StackOnCluster(EnvironmentConfig Environment, string Stack, KubeTarget Target, ResourceClient Client, ApplyHost Host);
