using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The legacy discovery documents (what client libraries and kubectl's fallback read): /version, /api, /apis,
/// /api/v1, /apis/{group} and /apis/{group}/{version}, generated from the served kinds.
/// </summary>
internal static class Discovery
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    /// <summary>The document at a GET path, or null when the path is not a discovery path.</summary>
    public static JsonObject? Document(string[] segments, IReadOnlyList<ResourceType> types, string kubernetesVersion, string serverAddress) => segments switch
    {
        ["version"] => Version(kubernetesVersion),
        ["api"] => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray([.. types.Where(type => type.Group.Length == 0).Select(type => type.Version).Distinct().Select(version => (JsonNode)version)]),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        ["apis"] => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray([.. types.Where(type => type.Group.Length > 0).Select(type => type.Group).Distinct().Select(group => (JsonNode)Group(group, types))]),
        },
        ["api", var version] when types.Any(type => type.Group.Length == 0 && type.Version == version) => Resources("", version, types),
        ["apis", var group] when types.Any(type => type.Group == group) => Group(group, types),
        ["apis", var group, var version] when types.Any(type => type.Group == group && type.Version == version) => Resources(group, version, types),
        _ => null,
    };

    private static JsonObject Version(string kubernetesVersion)
    {
        var parts = kubernetesVersion.Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = $"v{kubernetesVersion}.0",
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-01-01T00:00:00Z",
            ["goVersion"] = "go1.24.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private static JsonObject Group(string group, IReadOnlyList<ResourceType> types)
    {
        var versions = types.Where(type => type.Group == group).Select(type => type.Version).Distinct()
            .Select(version => new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version })
            .ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(version => (JsonNode)version)]),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    private static JsonObject Resources(string group, string version, IReadOnlyList<ResourceType> types)
    {
        var resources = new JsonArray();
        foreach (var type in types.Where(type => type.Group == group && type.Version == version))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(ObjectVerbs),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(type.ShortNames);
            }

            resources.Add(resource);
            if (type.Has(ResourceTraits.Status))
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = Strings(StatusVerbs),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode)value)]);
}
