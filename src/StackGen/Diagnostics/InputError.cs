namespace StackGen.Diagnostics;

/// <summary>One problem with what the user gave us, printed as a single line: "location: message".</summary>
public sealed record InputError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: error: {Message}";
}
