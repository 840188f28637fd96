namespace StackGen.Apply.Waiting;

/// <summary>The end of a wait: healthy, or the objects that failed or did not get there, each with why.</summary>
public sealed record WaitResult(bool Healthy, IReadOnlyList<string> Problems);
