namespace StackGen.Tests.FakeKube;

/// <summary>What checking an object against its schema found: undeclared fields, and values of the wrong shape.</summary>
internal sealed class SchemaProblems
{
    public List<string> Unknown { get; } = [];

    public List<string> Errors { get; } = [];
}
