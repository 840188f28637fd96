using System.Diagnostics.CodeAnalysis;

namespace StackGen.Settings;

/// <summary>A key in a Kubernetes Secret. Settings hold references, never secret values.</summary>
public sealed record SecretRef
{
    public SecretRef()
    {
    }

    [SetsRequiredMembers]
    public SecretRef(string name, string key)
    {
        Name = name;
        Key = key;
    }

    /// <summary>The Secret's name in the target namespace.</summary>
    public required string Name { get; init; }

    /// <summary>The key inside the Secret.</summary>
    public required string Key { get; init; }

    public override string ToString() => $"secret {Name} key {Key}";
}
