namespace StackGen.Stacks;

/// <summary>
/// The organisation's stacks, registered explicitly (no assembly scanning, so the render path stays
/// trimming- and AOT-friendly). <paramref name="System"/> becomes the app.kubernetes.io/part-of label.
/// </summary>
public sealed record StackCatalog(string System, IReadOnlyList<IStack> Stacks)
{
    public IStack? Find(string name) => Stacks.FirstOrDefault(s => s.Name == name);

    public IEnumerable<string> Names => Stacks.Select(s => s.Name);
}
