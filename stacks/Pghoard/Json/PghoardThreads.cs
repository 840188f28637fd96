namespace StackGen.Stacks.Pghoard.Json;

/// <summary>A pghoard thread pool (compression, transfer).</summary>
internal sealed record PghoardThreads(int ThreadCount);
