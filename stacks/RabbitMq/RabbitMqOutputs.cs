using StackGen.Settings;

namespace StackGen.Stacks.RabbitMq;

/// <summary>What clients of the broker need: one host per node (for fail-over), the port, vhost and credentials.</summary>
/// <param name="NodeHosts">The stable DNS name of every node, in ordinal order.</param>
/// <param name="ServiceHost">The load-balanced client Service.</param>
public sealed record RabbitMqOutputs(
    IReadOnlyList<string> NodeHosts,
    string ServiceHost,
    int AmqpPort,
    string Vhost,
    string Username,
    SecretRef Password);
