using System.Globalization;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The fake's etcd: objects as JSON per (kind, namespace, name), listed in key order, and the global resourceVersion
/// counter. Not thread-safe: <see cref="KubeApi"/> serialises every access.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<ResourceType, SortedDictionary<(string Namespace, string Name), JsonObject>> _objects = [];
    private long _resourceVersion;

    public string ResourceVersion => _resourceVersion.ToString(CultureInfo.InvariantCulture);

    public string NextResourceVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    public JsonObject? Get(ResourceType type, string? ns, string name) =>
        Bucket(type).GetValueOrDefault((Scope(type, ns), name));

    public void Put(ResourceType type, string? ns, string name, JsonObject obj) => Bucket(type)[(Scope(type, ns), name)] = obj;

    public bool Remove(ResourceType type, string? ns, string name) => Bucket(type).Remove((Scope(type, ns), name));

    /// <summary>Objects of a kind in one namespace, or in all of them when <paramref name="ns"/> is null.</summary>
    public IEnumerable<JsonObject> List(ResourceType type, string? ns) =>
        Bucket(type).Where(entry => ns is null || !type.Namespaced || entry.Key.Namespace == ns).Select(entry => entry.Value);

    public IEnumerable<(ResourceType Type, JsonObject Object)> All() =>
        _objects.SelectMany(bucket => bucket.Value.Values.Select(obj => (bucket.Key, obj)));

    private static string Scope(ResourceType type, string? ns) => type.Namespaced ? ns ?? "" : "";

    private SortedDictionary<(string Namespace, string Name), JsonObject> Bucket(ResourceType type)
    {
        if (!_objects.TryGetValue(type, out var bucket))
        {
            bucket = new SortedDictionary<(string Namespace, string Name), JsonObject>(Comparer<(string Namespace, string Name)>.Create((a, b) =>
            {
                var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
                return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
            }));
            _objects.Add(type, bucket);
        }

        return bucket;
    }
}
