namespace StackGen.Apply.Locking;

/// <summary>Another apply holds the stack's lock: names who and since when, so the operator can ask them.</summary>
public sealed class LockHeldException(string message) : Exception(message)
{
}
