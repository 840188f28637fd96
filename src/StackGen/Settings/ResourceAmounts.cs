namespace StackGen.Settings;

/// <summary>An amount of CPU and memory; either may be left out.</summary>
public sealed record ResourceAmounts
{
    public Quantity? Cpu { get; init; }

    public Quantity? Memory { get; init; }
}
