namespace StackGen.Apply;

/// <summary>What a revision says about how it came to be: "apply" or "rollback to 3", and the source commit.</summary>
/// <param name="Always">Record a revision even when nothing changed (a rollback is an event worth a line in history).</param>
public sealed record RevisionNote(string Description, string? Commit, bool Always = false);
