using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace StackGen.Objects;

/// <summary>
/// Reads a Kubernetes object written as JSON (a document of a chart's render or of an upstream manifest) into the type a
/// stack would build: a built-in kind of a GA version as its <c>k8s.Models</c> class, a custom kind whose CRD is in
/// <c>crds/</c> as its generated class (through readers StackGen.Generators generates at compile time, the inverse of
/// the writers), any other kind (alpha and beta built-ins, other custom resources) as an <see cref="UntypedObject"/>
/// with typed metadata.
/// Strict like the API server's field validation: a field the model does not have, or a value of the wrong type, is
/// an <see cref="ObjectReadException"/> naming its path (the server would drop or refuse it, so the render would lie).
/// A null value is no value, as for the API server. No reflection, no serializer.
/// </summary>
[KubernetesReaders]
public sealed partial class ObjectReader
{
    private static readonly Dictionary<(string ApiVersion, string Kind), Func<ObjectReader, JsonObject, IKubernetesObject<V1ObjectMeta>>> Kinds = AllKinds();

    /// <summary>
    /// Beta versions of workload kinds that old charts still render (apps/v1beta1 StatefulSets, extensions/v1beta1
    /// Deployments...), read with the model of the GA version that replaced them, their apiVersion kept: lint then checks
    /// them like any workload (SG1003 finds the selector apps/v1 requires) and SG1012 says the version is not served.
    /// </summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), string> Superseded = new()
    {
        [("apps/v1beta1", "Deployment")] = "apps/v1",
        [("apps/v1beta1", "StatefulSet")] = "apps/v1",
        [("apps/v1beta2", "Deployment")] = "apps/v1",
        [("apps/v1beta2", "StatefulSet")] = "apps/v1",
        [("apps/v1beta2", "DaemonSet")] = "apps/v1",
        [("apps/v1beta2", "ReplicaSet")] = "apps/v1",
        [("extensions/v1beta1", "Deployment")] = "apps/v1",
        [("extensions/v1beta1", "DaemonSet")] = "apps/v1",
        [("extensions/v1beta1", "ReplicaSet")] = "apps/v1",
        [("batch/v1beta1", "CronJob")] = "batch/v1",
        [("policy/v1beta1", "PodDisruptionBudget")] = "policy/v1",
    };

    private readonly List<string> _path = [];

    private ObjectReader()
    {
    }

    /// <summary>Whether <paramref name="apiVersion"/> and <paramref name="kind"/> are a built-in kind read into its model.</summary>
    public static bool IsBuiltIn(string apiVersion, string kind) => Kinds.ContainsKey((apiVersion, kind));

    /// <exception cref="ObjectReadException">No apiVersion, kind or metadata.name, an unknown field, a value of the wrong type.</exception>
    public static IKubernetesObject<V1ObjectMeta> Read(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new ObjectReader();
        var apiVersion = reader.Required(json, "apiVersion");
        var kind = reader.Required(json, "kind");
        var read = Kinds.TryGetValue((apiVersion, kind), out var typed)
            || (Superseded.TryGetValue((apiVersion, kind), out var replacement) && Kinds.TryGetValue((replacement, kind), out typed))
            ? typed(reader, json)
            : reader.Untyped(apiVersion, kind, json);
        if (string.IsNullOrEmpty(read.Metadata?.Name))
        {
            throw new ObjectReadException("metadata.name", "/metadata/name", $"missing: every {kind} needs a name");
        }

        return read;
    }

    private static partial Dictionary<(string ApiVersion, string Kind), Func<ObjectReader, JsonObject, IKubernetesObject<V1ObjectMeta>>> CreateKinds();

    // The classes generated from crds/ (StackGen.Generators' CustomResourcesGenerator) are read like the built-ins.
    static partial void AddCustomResourceReaders(Dictionary<(string ApiVersion, string Kind), Func<ObjectReader, JsonObject, IKubernetesObject<V1ObjectMeta>>> readers);

    private static Dictionary<(string ApiVersion, string Kind), Func<ObjectReader, JsonObject, IKubernetesObject<V1ObjectMeta>>> AllKinds()
    {
        var kinds = CreateKinds();
        AddCustomResourceReaders(kinds);
        return kinds;
    }

    private string Required(JsonObject json, string key)
    {
        Enter(key);
        var text = json[key] is { } node ? String(node) : null;
        return string.IsNullOrEmpty(text) ? throw Problem("missing: every Kubernetes object has one") : Exit(text);
    }

    private UntypedObject Untyped(string apiVersion, string kind, JsonObject json)
    {
        Enter("metadata");
        var metadata = json["metadata"] is { } node ? ReadV1ObjectMeta(Object(node)) : new V1ObjectMeta();
        Exit();
        var untyped = new UntypedObject(apiVersion, kind, metadata);
        foreach (var (key, value) in json)
        {
            if (key is not ("apiVersion" or "kind" or "metadata") && value is not null)
            {
                untyped.Fields[key] = value.DeepClone();
            }
        }

        return untyped;
    }

    private void Enter(string segment) => _path.Add(segment);

    private void Exit() => _path.RemoveAt(_path.Count - 1);

    private T Exit<T>(T value)
    {
        Exit();
        return value;
    }

    private ObjectReadException Problem(string problem, bool atKey = false)
    {
        var dotted = string.Concat(_path.Select((s, i) => s.StartsWith('[') || i == 0 ? s : "." + s));
        var pointer = string.Concat(_path.Select(s => "/" + (s.StartsWith('[') ? s[1..^1] : s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        return new ObjectReadException(dotted, pointer, problem, atKey);
    }

    // A field the CRD's schema requires, absent.
    private ObjectReadException Missing(string key)
    {
        Enter(key);
        return Problem("missing: the CRD's schema requires it");
    }

    private void Unknown(string key)
    {
        // The segment entered for the key: the path names the field itself.
        throw Problem($"unknown field '{key}' (the API server would drop it)", atKey: true);
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        _ => $"the boolean {node.ToJsonString()}",
    };

    private ObjectReadException Expected(string expected, JsonNode node) => Problem($"expected {expected}, got {Describe(node)}");

    private JsonObject Object(JsonNode node) => node as JsonObject ?? throw Expected("a mapping", node);

    private string String(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw Expected("a string (quote it)", node);

    private bool Bool(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected("true or false", node),
    };

    private int Int32(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number && int.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Expected("an integer", node);

    private long Int64(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Expected("an integer", node);

    private double Double(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture) : throw Expected("a number", node);

    private DateTime Time(JsonNode node) =>
        DateTime.TryParse(String(node), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Expected("an RFC 3339 time such as 2026-01-31T12:00:00Z", node);

    private byte[] Bytes(JsonNode node)
    {
        try
        {
            return Convert.FromBase64String(String(node));
        }
        catch (FormatException)
        {
            throw Expected("base64 (stringData takes plain text)", node);
        }
    }

    private IntOrString IntOrString(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => Int64(node).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => node.GetValue<string>(),
        _ => throw Expected("an integer or a string", node),
    };

    private ResourceQuantity Quantity(JsonNode node)
    {
        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            _ => throw Expected("a quantity such as 512Mi or 500m", node),
        };
        try
        {
            return new ResourceQuantity(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw Expected("a quantity such as 512Mi or 500m", node);
        }
    }

    // Free-form JSON (a CRD schema's default, an example): kept as written; the writer writes JsonNodes.
    private static JsonNode Free(JsonNode node) => node.DeepClone();

    private List<T> List<T>(JsonNode node, Func<JsonNode, T> read)
    {
        var sequence = node as JsonArray ?? throw Expected("a list", node);
        var list = new List<T>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (sequence[i] is { } item)
            {
                Enter($"[{i}]");
                list.Add(read(item));
                Exit();
            }
        }

        return list;
    }

    private Dictionary<string, T> Map<T>(JsonNode node, Func<JsonNode, T> read)
    {
        var mapping = Object(node);
        var map = new Dictionary<string, T>(mapping.Count, StringComparer.Ordinal);
        foreach (var (key, value) in mapping)
        {
            if (value is not null)
            {
                Enter(key);
                map[key] = read(value);
                Exit();
            }
        }

        return map;
    }
}
