namespace StackGen.Validation.Schemas;

/// <summary>One value that breaks its schema: where (<c>spec.endpoints[0].port</c>, empty for the object itself) and what is wrong.</summary>
public sealed record SchemaProblem(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
