namespace StackGen.Apply.Kube;

/// <summary>A kind in an API group, without a version: "Deployment.apps", or "Secret" in the core group.</summary>
public sealed record GroupKind(string Group, string Kind)
{
    public static GroupKind Of(ObjectRef item) => new(item.Group, item.Kind);

    /// <summary>Reads kubectl's form (Kind.group, or Kind for the core group, as in contains-group-kinds).</summary>
    public static GroupKind Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new GroupKind("", text) : new GroupKind(text[(dot + 1)..], text[..dot]);
    }

    /// <summary>kubectl's form: what Kubernetes' GroupKind.String() prints and the ApplySet annotations hold.</summary>
    public override string ToString() => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
