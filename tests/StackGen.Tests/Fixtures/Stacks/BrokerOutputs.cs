using StackGen.Settings;

namespace StackGen.Tests.Fixtures.Stacks;

/// <param name="NodeHosts">One stable host name per node, in ordinal order.</param>
public sealed record BrokerOutputs(IReadOnlyList<string> NodeHosts, int Port, SecretRef Password);
