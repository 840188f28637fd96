namespace StackGen.Emitting;

/// <summary>One file of a render in DIR/ENV: its path relative to DIR/ENV ("rabbitmq/statefulset-rabbitmq.yaml") and content.</summary>
public sealed record OutputFile(string Path, string Content);
