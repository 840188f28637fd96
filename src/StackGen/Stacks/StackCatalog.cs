namespace StackGen.Stacks;

/// <summary>
/// The organisation's stacks, registered explicitly (no assembly scanning, so the render path stays
/// trimming- and AOT-friendly). <paramref name="System"/> becomes the app.kubernetes.io/part-of label.
/// </summary>
public sealed record StackCatalog(string System, IReadOnlyList<IStack> Stacks)
{
    // Find is asked once per stack entry of every layer: an index, rebuilt whenever Stacks is set (also by `with`).
    private readonly Dictionary<string, IStack> _byName = NameIndex.Of(Stacks, stack => stack.Name);

    public IReadOnlyList<IStack> Stacks
    {
        get;
        init
        {
            field = value;
            _byName = NameIndex.Of(value, stack => stack.Name);
        }
    } = Stacks;

    /// <summary>The stack with that name (the first, should two share it), if any.</summary>
    public IStack? Find(string name) => _byName.GetValueOrDefault(name);

    public IEnumerable<string> Names => Stacks.Select(s => s.Name);
}
