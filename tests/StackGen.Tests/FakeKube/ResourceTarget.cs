namespace StackGen.Tests.FakeKube;

/// <summary>What a resource URL addresses: a kind's collection (in a namespace or across all), one object, its status, or a pod's log.</summary>
internal sealed record ResourceTarget(ResourceType Type, string? Namespace, string? Name, string Subresource)
{
    /// <summary>
    /// Parses <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> paths; null when no served kind matches.
    /// <c>/api/v1/namespaces/x</c> is the Namespace x itself, <c>/api/v1/namespaces/x/configmaps</c> a collection in it.
    /// </summary>
    public static ResourceTarget? Parse(string[] segments, IReadOnlyList<ResourceType> types)
    {
        var (group, version, rest) = segments switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => ("", "", []),
        };
        var served = types.Where(type => type.Group == group && type.Version == version && version.Length > 0).ToList();
        if (rest.Length == 0)
        {
            return null;
        }

        if (rest is ["namespaces", var ns, var plural, .. var tail] && tail.Length <= 2
            && served.FirstOrDefault(type => type.Namespaced && type.Plural == plural) is { } namespaced)
        {
            return Checked(new ResourceTarget(namespaced, ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1) ?? ""));
        }

        var type = served.FirstOrDefault(type => type.Plural == rest[0]);
        if (type is null || rest.Length > 3 || (type.Namespaced && rest.Length > 1))
        {
            return null;
        }

        return Checked(new ResourceTarget(type, null, rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2) ?? ""));
    }

    private static ResourceTarget? Checked(ResourceTarget target) =>
        target.Subresource.Length == 0
        || (target.Subresource == "status" && target.Type.Has(ResourceTraits.Status))
        || (target.Subresource == "log" && target.Type.Group.Length == 0 && target.Type.Kind == "Pod")
            ? target : null;
}
