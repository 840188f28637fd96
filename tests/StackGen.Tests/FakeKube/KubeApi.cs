using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackGen.Tests.OpenApi;
using Cause = StackGen.Tests.FakeKube.StatusError.Cause;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The API server's behaviour behind the HTTP layer: discovery, get/list with selectors, create, update with
/// optimistic concurrency, the four PATCH flavours (server-side apply included), delete with finalizers and
/// preconditions, dry run, and the status subresource. Every request runs under one lock, like a single etcd.
/// </summary>
internal sealed class KubeApi
{
    private const string ApplyPatch = "application/apply-patch+yaml";
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";
    private const string JsonPatch = "application/json-patch+json";

    private static readonly string[] ServerOwnedMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    private static readonly string[] Leading = ["apiVersion", "kind", "metadata"];

    private static readonly string[] MetadataOrder =
    [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    // Fields a controller rewrites on every status update; a status that differs only in them is unchanged.
    private static readonly string[] TimeFields = ["lastTransitionTime", "lastUpdateTime", "lastProbeTime", "startTime", "completionTime", "startedAt"];

    private readonly Lock _gate = new();
    private readonly ObjectStore _store = new();
    private readonly FakeKubeOptions _options;
    private readonly OpenApiTypes _schemas;
    private readonly StatusSimulator _simulator;

    // One instance per custom kind: the store keys its buckets by ResourceType.
    private readonly Dictionary<string, ResourceType> _customTypes = new(StringComparer.Ordinal);
    private long _writes;
    private long _uids;
    private long _generatedNames;
    private readonly Dictionary<string, string> _jobLogs = new(StringComparer.Ordinal);

    public KubeApi(FakeKubeOptions options, StatusSimulator simulator)
    {
        _options = options;
        _simulator = simulator;
        _schemas = OpenApiTypes.Load(options.KubernetesVersion);
        foreach (var ns in options.Namespaces)
        {
            Seed(NamespaceObject(ns), null);
        }
    }

    /// <summary>The address discovery reports (host:port); set once the server listens.</summary>
    public string ServerAddress { get; set; } = "127.0.0.1";

    public long WriteCount => Interlocked.Read(ref _writes);

    public ApiResponse Handle(RecordedRequest request)
    {
        try
        {
            lock (_gate)
            {
                return Route(request);
            }
        }
        catch (StatusError error)
        {
            return ApiResponse.From(error);
        }
    }

    public ResourceTarget? Target(string path)
    {
        lock (_gate)
        {
            return ResourceTarget.Parse(path.Split('/', StringSplitOptions.RemoveEmptyEntries), Served());
        }
    }

    public ResourceType TypeOf(string apiVersion, string kind)
    {
        lock (_gate)
        {
            return Served().FirstOrDefault(type => type.ApiVersion == apiVersion && type.Kind == kind)
                ?? throw new ArgumentException($"the fake API server does not serve {apiVersion} {kind}", nameof(kind));
        }
    }

    /// <summary>The kinds served now: the configured ones, and those of every established CustomResourceDefinition.</summary>
    private IReadOnlyList<ResourceType> Served()
    {
        if (_options.Resources.FirstOrDefault(CustomResources.IsDefinition) is not { } definitions)
        {
            return _options.Resources;
        }

        var custom = _store.List(definitions, null)
            .SelectMany(CustomResources.Served)
            .Where(type => !_options.Resources.Any(configured => configured.ApiVersion == type.ApiVersion && configured.Kind == type.Kind))
            .Select(Intern)
            .ToList();
        return custom.Count == 0 ? _options.Resources : [.. _options.Resources, .. custom];
    }

    /// <summary>The openAPIV3Schema of a custom kind's version, from its established definition; null for other kinds.</summary>
    private JsonObject? CustomSchema(ResourceType type)
    {
        if (!_customTypes.ContainsValue(type) || _options.Resources.FirstOrDefault(CustomResources.IsDefinition) is not { } definitions)
        {
            return null;
        }

        return _store.List(definitions, null)
            .Where(definition => JsonTree.String(definition, "spec", "group") == type.Group && JsonTree.String(definition, "spec", "names", "kind") == type.Kind)
            .SelectMany(definition => definition["spec"]?["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(version => JsonTree.String(version, "name") == type.Version)
            .Select(version => version["schema"]?["openAPIV3Schema"] as JsonObject)
            .FirstOrDefault();
    }

    private ResourceType Intern(ResourceType type)
    {
        var key = $"{type.ApiVersion}/{type.Kind}/{type.Plural}/{type.Namespaced}/{type.Traits}";
        if (!_customTypes.TryGetValue(key, out var interned))
        {
            interned = type;
            _customTypes.Add(key, interned);
        }

        return interned;
    }

    /// <summary>Stores an object as it is (status included), filling in what the server would set; creates its namespace if needed.</summary>
    public JsonObject Seed(JsonObject obj, string? fieldManager)
    {
        lock (_gate)
        {
            var type = TypeOf(JsonTree.String(obj, "apiVersion") ?? "", JsonTree.String(obj, "kind") ?? "");
            var result = (JsonObject)obj.DeepClone();
            var meta = JsonTree.Metadata(result);
            var name = JsonTree.String(meta, "name") ?? throw new ArgumentException("a seeded object needs metadata.name", nameof(obj));
            var ns = type.Namespaced ? JsonTree.String(meta, "namespace") ?? "default" : null;
            if (ns is not null)
            {
                meta["namespace"] = ns;
                if (!NamespaceExists(ns))
                {
                    Seed(NamespaceObject(ns), null);
                }
            }

            var now = _options.Clock.GetUtcNow();
            meta["uid"] ??= NewUid();
            meta["creationTimestamp"] ??= FieldManager.Timestamp(now);
            if (type.Has(ResourceTraits.Generation))
            {
                meta["generation"] ??= 1;
            }

            if (IsNamespace(type))
            {
                PrepareNamespace(result, name);
            }

            if (fieldManager is not null)
            {
                new FieldManager(type, _schemas.ForKind(type)).Update(null, result, fieldManager, "", now);
            }

            meta["resourceVersion"] = _store.NextResourceVersion();
            result = Canonical(result);
            _store.Put(type, ns, name, result);
            return (JsonObject)result.DeepClone();
        }
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return (JsonObject?)_store.Get(type, ns, name)?.DeepClone();
        }
    }

    public IReadOnlyList<JsonObject> All()
    {
        lock (_gate)
        {
            return [.. _store.All().Select(entry => (JsonObject)entry.Object.DeepClone())];
        }
    }

    /// <summary>Records a v1 Event about an object (which need not exist), as a controller or the kubelet would.</summary>
    public JsonObject RecordEvent(string apiVersion, string kind, string? ns, string name, string eventType, string reason, string message, string component)
    {
        lock (_gate)
        {
            var involved = Served().FirstOrDefault(type => type.ApiVersion == apiVersion && type.Kind == kind) is { } type
                ? _store.Get(type, ns, name)
                : null;
            var now = FieldManager.Timestamp(_options.Clock.GetUtcNow());
            var reference = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = name };
            if (ns is not null)
            {
                reference["namespace"] = ns;
            }

            if (involved is not null)
            {
                reference["uid"] = JsonTree.String(involved, "metadata", "uid");
                reference["resourceVersion"] = JsonTree.String(involved, "metadata", "resourceVersion");
            }

            var sequence = Interlocked.Increment(ref _generatedNames);
            return Seed(
                new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Event",
                    ["metadata"] = new JsonObject { ["name"] = $"{name}.{sequence:x16}", ["namespace"] = ns ?? "default" },
                    ["involvedObject"] = reference,
                    ["reason"] = reason,
                    ["message"] = message,
                    ["type"] = eventType,
                    ["count"] = 1,
                    ["firstTimestamp"] = now,
                    ["lastTimestamp"] = now,
                    ["source"] = new JsonObject { ["component"] = component },
                    ["reportingComponent"] = component,
                    ["reportingInstance"] = "",
                },
                null);
        }
    }

    /// <summary>A Namespace as a client would create it.</summary>
    public static JsonObject NamespaceObject(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };

    private static bool IsNamespace(ResourceType type) => type.Group.Length == 0 && type.Kind == "Namespace";

    private ApiResponse Route(RecordedRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method == "GET" && Discovery.Document(segments, Served(), _options.KubernetesVersion, ServerAddress) is { } document)
        {
            return new ApiResponse(200, document);
        }

        var target = ResourceTarget.Parse(segments, Served()) ?? throw StatusError.NoSuchResource();
        return (request.Method, target.Name) switch
        {
            ("GET", null) => List(target, request),
            ("GET", _) when target.Subresource == "log" => Log(target, request),
            ("GET", _) => Get(target),
            ("POST", null) when target.Namespace is not null || !target.Type.Namespaced => Create(target, request),
            ("PUT", not null) => Replace(target, request),
            ("PATCH", not null) => Patch(target, request),
            ("DELETE", null) => DeleteCollection(target, request),
            ("DELETE", not null) => Delete(target, request),
            _ => throw StatusError.MethodNotAllowed(),
        };
    }

    private ApiResponse Get(ResourceTarget target) => new(200, Simulate(target.Type, Existing(target)).DeepClone());

    /// <summary>What a test gave <see cref="SetJobLog"/> for the pod's Job, as text/plain; <c>tailLines</c> honoured.</summary>
    private ApiResponse Log(ResourceTarget target, RecordedRequest request)
    {
        var pod = Existing(target);
        var job = JsonTree.String(pod, "metadata", "labels", JobPods.JobNameLabel) ?? "";
        var log = _jobLogs.GetValueOrDefault($"{target.Namespace}/{job}", "");
        var tail = int.TryParse(request.QueryValue("tailLines"), NumberStyles.None, CultureInfo.InvariantCulture, out var lines) ? lines : (int?)null;
        return new ApiResponse(200, JsonValue.Create("")) { Text = JobPods.Tail(log, tail) };
    }

    /// <summary>The log every pod of the Job <paramref name="job"/> serves.</summary>
    public void SetJobLog(string ns, string job, string log)
    {
        lock (_gate)
        {
            _jobLogs[$"{ns}/{job}"] = log;
        }
    }

    private ApiResponse List(ResourceTarget target, RecordedRequest request)
    {
        if (request.QueryValue("watch") is "true" or "1")
        {
            throw StatusError.BadRequest("watch is not supported by the fake API server");
        }

        var labels = LabelSelector.Parse(request.QueryValue("labelSelector"));
        var fields = FieldSelector.Parse(request.QueryValue("fieldSelector"), target.Type);
        var items = _store.List(target.Type, target.Namespace).Where(obj => labels.Matches(obj) && fields.Matches(obj)).ToList();

        var metadata = new JsonObject { ["resourceVersion"] = _store.ResourceVersion };
        if (request.QueryValue("continue") is { Length: > 0 } token)
        {
            var after = ContinueAfter(token);
            items = [.. items.SkipWhile(obj => string.CompareOrdinal(Position(obj), after) <= 0)];
        }

        if (int.TryParse(request.QueryValue("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 && items.Count > limit)
        {
            metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Position(items[limit - 1])));
            metadata["remainingItemCount"] = items.Count - limit;
            items = items[..limit];
        }

        return new ApiResponse(200, ListOf(target.Type, metadata, items));
    }

    private ApiResponse Create(ResourceTarget target, RecordedRequest request)
    {
        if (target.Subresource.Length > 0)
        {
            throw StatusError.MethodNotAllowed();
        }

        var type = target.Type;
        var (dryRun, manager, validation) = Options(request, "CreateOptions");
        var body = ReadObject(request, type, target.Namespace);
        var meta = JsonTree.Metadata(body);
        var name = JsonTree.String(meta, "name") is { Length: > 0 } given ? given
            : JsonTree.String(meta, "generateName") is { Length: > 0 } prefix ? prefix + WorkloadStatus.Hash(JsonValue.Create(Interlocked.Increment(ref _generatedNames)), 5)
            : throw StatusError.Invalid(type, "", new Cause("FieldValueRequired", "metadata.name", "Required value: name or generateName is required"));
        if (JsonTree.String(meta, "resourceVersion") is { Length: > 0 })
        {
            throw StatusError.Internal("resourceVersion should not be set on objects to be created");
        }

        var warnings = CheckSchema(body, type, validation, apply: false);
        RequireNamespace(target);
        Validation.Name(type, name);
        if (_store.Get(type, target.Namespace, name) is not null)
        {
            throw StatusError.AlreadyExists(type, name);
        }

        var created = Commit(new Write(type, target.Namespace, name, "", manager, dryRun), null, body);
        return new ApiResponse(201, created.DeepClone()) { Headers = warnings };
    }

    private ApiResponse Replace(ResourceTarget target, RecordedRequest request)
    {
        var type = target.Type;
        var name = target.Name!;
        var (dryRun, manager, validation) = Options(request, "UpdateOptions");
        var body = ReadObject(request, type, target.Namespace);
        if (JsonTree.String(body, "metadata", "name") is { } bodyName && bodyName != name)
        {
            throw StatusError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var warnings = CheckSchema(body, type, validation, apply: false);
        var old = _store.Get(type, target.Namespace, name);
        var version = JsonTree.String(body, "metadata", "resourceVersion") ?? "";
        var write = new Write(type, target.Namespace, name, target.Subresource, manager, dryRun);
        if (old is null)
        {
            if (!type.Has(ResourceTraits.CreateOnUpdate) || target.Subresource.Length > 0)
            {
                throw StatusError.NotFound(type, name);
            }

            if (version.Length > 0)
            {
                throw StatusError.Conflict(type, name, StatusError.OptimisticLock);
            }

            RequireNamespace(target);
            Validation.Name(type, name);
            return new ApiResponse(201, Commit(write, null, body).DeepClone()) { Headers = warnings };
        }

        if (version.Length == 0 && type.Has(ResourceTraits.ConditionalUpdateOnly))
        {
            throw StatusError.Invalid(type, name, new Cause("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update"));
        }

        CheckVersion(type, name, old, version);
        return new ApiResponse(200, Commit(write, old, body).DeepClone()) { Headers = warnings };
    }

    private ApiResponse Patch(ResourceTarget target, RecordedRequest request)
    {
        var type = target.Type;
        var name = target.Name!;
        var media = request.MediaType;
        if (media is not (ApplyPatch or MergePatch or StrategicMergePatch or JsonPatch))
        {
            throw StatusError.UnsupportedMediaType(request.ContentType, JsonPatch, MergePatch, ApplyPatch, StrategicMergePatch);
        }

        var (dryRun, manager, validation) = Options(request, "PatchOptions");
        var force = request.QueryValue("force");
        if (media == ApplyPatch && request.QueryValue("fieldManager") is null or "")
        {
            throw StatusError.Invalid("meta.k8s.io", "PatchOptions", "", new Cause("FieldValueRequired", "fieldManager", "Required value: is required for apply patch"));
        }

        if (media != ApplyPatch && force is not null)
        {
            throw StatusError.Invalid("meta.k8s.io", "PatchOptions", "", new Cause("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch"));
        }

        var old = _store.Get(type, target.Namespace, name);
        if (media == ApplyPatch)
        {
            return Apply(target, request, old, manager, force == "true", dryRun);
        }

        if (old is null)
        {
            throw StatusError.NotFound(type, name);
        }

        var patch = ParseBody(request.Body, isYaml: false);
        var patched = media switch
        {
            MergePatch => Patches.Merge(old, patch),
            StrategicMergePatch => Patches.Strategic(old, patch, _schemas.ForKind(type)),
            _ => Patches.Json(old, patch as JsonArray ?? throw StatusError.BadRequest("json patch must be an array of operations"), type, name),
        } as JsonObject ?? throw StatusError.BadRequest($"the patch of {type.QualifiedResource} \"{name}\" does not leave an object");

        CheckVersion(type, name, old, JsonTree.String(patched, "metadata", "resourceVersion") ?? "");
        var warnings = CheckSchema(patched, type, validation, apply: false);
        var updated = Commit(new Write(type, target.Namespace, name, target.Subresource, manager, dryRun), old, patched);
        return new ApiResponse(200, updated.DeepClone()) { Headers = warnings };
    }

    private ApiResponse Apply(ResourceTarget target, RecordedRequest request, JsonObject? old, string manager, bool force, bool dryRun)
    {
        var type = target.Type;
        var name = target.Name!;
        var config = ParseBody(request.Body, isYaml: true) as JsonObject ?? throw StatusError.BadRequest("error decoding YAML: the apply configuration is not an object");
        var apiVersion = JsonTree.String(config, "apiVersion");
        var kind = JsonTree.String(config, "kind");
        if (apiVersion is null || kind is null)
        {
            throw StatusError.BadRequest($"Object 'Kind' is missing in '{JsonTree.Text(config)}'");
        }

        if (apiVersion != type.ApiVersion || kind != type.Kind)
        {
            throw StatusError.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, Kind={kind}, expected: {type.ApiVersion}, Kind={type.Kind}");
        }

        if (JsonTree.String(config, "metadata", "name") != name)
        {
            throw StatusError.BadRequest($"the name of the object ({JsonTree.String(config, "metadata", "name")}) does not match the name on the URL ({name})");
        }

        if (JsonTree.String(config, "metadata", "namespace") is { } ns && ns != target.Namespace && type.Namespaced)
        {
            throw StatusError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (config["metadata"]?["managedFields"] is not null)
        {
            throw StatusError.BadRequest("metadata.managedFields must be nil");
        }

        CheckSchema(config, type, "Strict", apply: true);
        var version = JsonTree.String(config, "metadata", "resourceVersion") ?? "";
        if (old is null)
        {
            if (version.Length > 0 || target.Subresource.Length > 0)
            {
                throw version.Length > 0 ? StatusError.Conflict(type, name, StatusError.OptimisticLock) : StatusError.NotFound(type, name);
            }

            RequireNamespace(target);
            Validation.Name(type, name);
        }
        else
        {
            CheckVersion(type, name, old, version);
        }

        var applied = new FieldManager(type, _schemas.ForKind(type)).Apply(old, config, manager, force, target.Subresource, _options.Clock.GetUtcNow());
        var result = Commit(new Write(type, target.Namespace, name, target.Subresource, manager, dryRun, Applied: true), old, applied);
        return new ApiResponse(old is null ? 201 : 200, result.DeepClone());
    }

    private ApiResponse Delete(ResourceTarget target, RecordedRequest request)
    {
        var type = target.Type;
        var name = target.Name!;
        if (target.Subresource.Length > 0)
        {
            throw StatusError.MethodNotAllowed();
        }

        var (dryRun, _, _) = Options(request, "DeleteOptions");
        var options = request.Body.Length > 0 ? ParseBody(request.Body, isYaml: false) as JsonObject : null;
        CheckPropagationPolicy(request.QueryValue("propagationPolicy") ?? JsonTree.String(options, "propagationPolicy"));
        var old = Existing(target);
        if (JsonTree.String(options, "preconditions", "uid") is { } uid && uid != JsonTree.String(old, "metadata", "uid"))
        {
            throw StatusError.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {JsonTree.String(old, "metadata", "uid")}");
        }

        if (JsonTree.String(options, "preconditions", "resourceVersion") is { } version && version != JsonTree.String(old, "metadata", "resourceVersion"))
        {
            throw StatusError.Conflict(type, name, $"the ResourceVersion in the precondition ({version}) does not match the ResourceVersion in record ({JsonTree.String(old, "metadata", "resourceVersion")}). The object might have been modified");
        }

        var (deleted, gone) = Remove(type, target.Namespace, name, old, dryRun);
        return gone ? new ApiResponse(200, Success(type, name, old)) : new ApiResponse(202, deleted.DeepClone());
    }

    private ApiResponse DeleteCollection(ResourceTarget target, RecordedRequest request)
    {
        var (dryRun, _, _) = Options(request, "DeleteOptions");
        CheckPropagationPolicy(request.QueryValue("propagationPolicy"));
        var labels = LabelSelector.Parse(request.QueryValue("labelSelector"));
        var fields = FieldSelector.Parse(request.QueryValue("fieldSelector"), target.Type);
        var doomed = _store.List(target.Type, target.Namespace).Where(obj => labels.Matches(obj) && fields.Matches(obj)).ToList();
        var deleted = doomed.Select(obj => Remove(target.Type, JsonTree.String(obj, "metadata", "namespace"), JsonTree.String(obj, "metadata", "name")!, obj, dryRun).Object).ToList();
        return new ApiResponse(200, ListOf(target.Type, new JsonObject { ["resourceVersion"] = _store.ResourceVersion }, deleted));
    }

    /// <summary>Deletes an object, or marks it for deletion while finalizers remain; a Namespace takes its contents along.</summary>
    private (JsonObject Object, bool Gone) Remove(ResourceType type, string? ns, string name, JsonObject old, bool dryRun)
    {
        if (old["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            if (old["metadata"]?["deletionTimestamp"] is not null)
            {
                return (old, false);
            }

            var marked = (JsonObject)old.DeepClone();
            var meta = JsonTree.Metadata(marked);
            meta["deletionTimestamp"] = FieldManager.Timestamp(_options.Clock.GetUtcNow());
            meta["deletionGracePeriodSeconds"] = 0;
            if (!dryRun)
            {
                meta["resourceVersion"] = _store.NextResourceVersion();
                _store.Put(type, ns, name, marked);
                Interlocked.Increment(ref _writes);
            }

            return (marked, false);
        }

        if (!dryRun)
        {
            // The definition's kinds go with it, and so do their objects, as the apiextensions-apiserver deletes them.
            var kinds = CustomResources.IsDefinition(type) ? Served().Where(served => CustomResources.Served(old).Any(owned => owned.ApiVersion == served.ApiVersion && owned.Kind == served.Kind)).ToList() : [];
            _store.Remove(type, ns, name);
            foreach (var kind in kinds)
            {
                foreach (var item in _store.List(kind, null).ToList())
                {
                    _store.Remove(kind, JsonTree.String(item, "metadata", "namespace"), JsonTree.String(item, "metadata", "name")!);
                }
            }

            if (IsNamespace(type))
            {
                foreach (var (contentType, content) in _store.All().Where(entry => entry.Type.Namespaced && JsonTree.String(entry.Object, "metadata", "namespace") == name).ToList())
                {
                    _store.Remove(contentType, name, JsonTree.String(content, "metadata", "name")!);
                }
            }

            _store.NextResourceVersion();
            Interlocked.Increment(ref _writes);
        }

        return (old, true);
    }

    /// <summary>
    /// The one path every state change takes: server-set metadata, the registry strategy's resets (status on the
    /// object, everything but status on /status), update validation, field ownership, generation, no-op detection,
    /// finalizer completion, resourceVersion, and (unless dry run) the store.
    /// </summary>
    private JsonObject Commit(Write write, JsonObject? old, JsonObject proposed)
    {
        var type = write.Type;
        var now = _options.Clock.GetUtcNow();
        var result = (JsonObject)proposed.DeepClone();
        if (old is not null && write.Subresource == "status")
        {
            result = WithStatus(old, proposed["status"]);
        }

        if (CustomSchema(type) is { } schema)
        {
            CustomResources.Prune(result, schema);
        }

        result["apiVersion"] = type.ApiVersion;
        result["kind"] = type.Kind;
        var meta = JsonTree.Metadata(result);
        meta["name"] = write.Name;
        if (type.Namespaced)
        {
            meta["namespace"] = write.Namespace;
        }
        else
        {
            meta.Remove("namespace");
        }

        meta.Remove("selfLink");
        foreach (var field in ServerOwnedMetadata)
        {
            meta.Remove(field);
            if (old?["metadata"]?[field] is { } kept)
            {
                meta[field] = kept.DeepClone();
            }
        }

        if (old is null)
        {
            meta["uid"] = NewUid();
            meta["creationTimestamp"] = FieldManager.Timestamp(now);
            if (type.Has(ResourceTraits.Generation))
            {
                meta["generation"] = 1;
            }
        }
        else if (write.Subresource.Length == 0)
        {
            if (type.Has(ResourceTraits.Status))
            {
                result.Remove("status");
                if (old["status"] is { } status)
                {
                    result["status"] = status.DeepClone();
                }
            }

            Validation.Update(type, write.Name, old, result);
        }

        if (!write.Applied)
        {
            new FieldManager(type, _schemas.ForKind(type)).Update(old, result, write.Manager, write.Subresource, now);
        }

        if (old is null)
        {
            PrepareForCreate(type, result, write.Name);
        }
        else if (type.Has(ResourceTraits.Generation) && SpecChanged(type, old, result))
        {
            meta["generation"] = (JsonTree.Integer(old, "metadata", "generation") ?? 0) + 1;
        }

        meta.Remove("resourceVersion");
        if (old?["metadata"]?["resourceVersion"] is { } version)
        {
            meta["resourceVersion"] = version.DeepClone();
        }

        result = Canonical(result);
        if (old is not null && JsonTree.Equal(old, result))
        {
            return old;
        }

        if (old?["metadata"]?["deletionTimestamp"] is not null && result["metadata"]?["finalizers"] is not JsonArray { Count: > 0 })
        {
            return Remove(type, write.Namespace, write.Name, result, write.DryRun).Object;
        }

        if (write.DryRun)
        {
            return result;
        }

        JsonTree.Metadata(result)["resourceVersion"] = _store.NextResourceVersion();
        _store.Put(type, write.Namespace, write.Name, result);
        if (write.Counted)
        {
            Interlocked.Increment(ref _writes);
        }

        return result;
    }

    /// <summary>A GET is a poll: the simulated controllers may write the status first.</summary>
    private JsonObject Simulate(ResourceType type, JsonObject obj)
    {
        var now = FieldManager.Timestamp(_options.Clock.GetUtcNow());
        if (_simulator.Observe(type, obj, now) is not { } observed)
        {
            return obj;
        }

        var (status, warning) = observed;
        var ns = JsonTree.String(obj, "metadata", "namespace");
        var name = JsonTree.String(obj, "metadata", "name")!;
        if (type.Group == "batch" && type.Kind == "Job"
            && !_store.List(TypeOf("v1", "Pod"), ns).Any(pod => JsonTree.String(pod, "metadata", "labels", JobPods.JobNameLabel) == name))
        {
            Seed(JobPods.For(obj), null);
        }
        if (warning is { } failure)
        {
            RecordEvent(type.ApiVersion, type.Kind, ns, name, "Warning", failure.Reason, failure.Message, failure.Component);
        }

        if (SameBesidesTimes(obj["status"], status))
        {
            return obj;
        }

        KeepTransitionTimes(obj["status"], status);
        var updated = WithStatus(obj, status);
        return Commit(new Write(type, ns, name, "status", StatusSimulator.Manager, DryRun: false, Counted: false), obj, updated);
    }

    private static (bool DryRun, string Manager, string FieldValidation) Options(RecordedRequest request, string kind)
    {
        var dryRun = request.QueryValues("dryRun");
        if (dryRun.FirstOrDefault(value => value != "All") is { } unsupported)
        {
            throw StatusError.Invalid("meta.k8s.io", kind, "", new Cause("FieldValueNotSupported", "dryRun", $"Unsupported value: \"{unsupported}\": supported values: \"All\""));
        }

        var validation = request.QueryValue("fieldValidation") ?? "Warn";
        if (validation is not ("Ignore" or "Warn" or "Strict"))
        {
            throw StatusError.Invalid("meta.k8s.io", kind, "", new Cause("FieldValueNotSupported", "fieldValidation", $"Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
        }

        // Like the API server: without a fieldManager, the User-Agent's first word names the manager.
        var manager = request.QueryValue("fieldManager") is { Length: > 0 } given ? given
            : request.UserAgent?.Split('/')[0] is { Length: > 0 } agent ? agent
            : "unknown";
        if (manager.Length > 128)
        {
            throw StatusError.Invalid("meta.k8s.io", kind, "", new Cause("FieldValueTooLong", "fieldManager", "Too long: may not be more than 128 bytes"));
        }

        return (dryRun.Count > 0, manager, validation);
    }

    private List<KeyValuePair<string, string>> CheckSchema(JsonObject obj, ResourceType type, string validation, bool apply)
    {
        var problems = new SchemaProblems();
        StructuredMerge.Check(obj, _schemas.ForKind(type), "", problems, dropUnknown: !apply && validation != "Strict");
        if (apply && problems.Errors.Concat(problems.Unknown.Select(path => $"{path}: field not declared in schema")).FirstOrDefault() is { } error)
        {
            throw StatusError.BadRequest($"failed to create typed patch object ({type.Group}/{type.Version}, Kind={type.Kind}): .{error}");
        }

        var cannot = $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}";
        if (problems.Errors.Count > 0)
        {
            throw StatusError.BadRequest($"{cannot}: {problems.Errors[0]}");
        }

        if (problems.Unknown.Count > 0 && validation == "Strict")
        {
            throw StatusError.BadRequest($"{cannot}: strict decoding error: {string.Join(", ", problems.Unknown.Select(path => $"unknown field \"{path}\""))}");
        }

        return validation == "Warn" ? [.. problems.Unknown.Select(path => KeyValuePair.Create("Warning", $"299 - \"unknown field \\\"{path}\\\"\""))] : [];
    }

    private static void CheckPropagationPolicy(string? policy)
    {
        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw StatusError.Invalid("meta.k8s.io", "DeleteOptions", "", new Cause("FieldValueNotSupported", "propagationPolicy", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        }
    }

    private static void CheckVersion(ResourceType type, string name, JsonObject old, string version)
    {
        if (version.Length > 0 && version != JsonTree.String(old, "metadata", "resourceVersion"))
        {
            throw StatusError.Conflict(type, name, StatusError.OptimisticLock);
        }
    }

    private static JsonObject ReadObject(RecordedRequest request, ResourceType type, string? ns)
    {
        if (request.MediaType is not (null or "application/json" or "application/yaml" or "*/*"))
        {
            throw StatusError.UnsupportedMediaType(request.ContentType, "application/json", "application/yaml");
        }

        var body = ParseBody(request.Body, request.MediaType == "application/yaml") as JsonObject
            ?? throw StatusError.BadRequest($"the object provided is unrecognized (must be of type {type.Kind})");
        if (JsonTree.String(body, "apiVersion") is { } apiVersion && apiVersion != type.ApiVersion)
        {
            throw StatusError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (JsonTree.String(body, "kind") is { } kind && kind != type.Kind)
        {
            throw StatusError.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        if (type.Namespaced && JsonTree.String(body, "metadata", "namespace") is { Length: > 0 } given && given != ns)
        {
            throw StatusError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return body;
    }

    private static JsonNode? ParseBody(string body, bool isYaml)
    {
        try
        {
            if (isYaml && !body.TrimStart().StartsWith('{'))
            {
                var documents = YamlToJson.Parse(body);
                return documents.Count == 1 ? documents[0] : throw StatusError.BadRequest($"error decoding YAML: expected one document, got {documents.Count}");
            }

            return JsonNode.Parse(body);
        }
        catch (Exception error) when (error is JsonException or YamlDotNet.Core.YamlException)
        {
            throw StatusError.BadRequest(isYaml ? $"error decoding YAML: {error.Message}" : $"couldn't get version/kind; json parse error: {error.Message}");
        }
    }

    private void RequireNamespace(ResourceTarget target)
    {
        if (target.Type.Namespaced && !NamespaceExists(target.Namespace!))
        {
            throw StatusError.NamespaceNotFound(target.Namespace!);
        }
    }

    private bool NamespaceExists(string ns) =>
        _options.Resources.FirstOrDefault(IsNamespace) is not { } namespaces
        || _store.Get(namespaces, null, ns) is not null;

    private JsonObject Existing(ResourceTarget target) =>
        _store.Get(target.Type, target.Namespace, target.Name!) ?? throw StatusError.NotFound(target.Type, target.Name!);

    private string NewUid() => $"00000000-0000-4000-8000-{Interlocked.Increment(ref _uids):x12}";

    private static JsonObject ListOf(ResourceType type, JsonObject metadata, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = type.ListKind,
        ["apiVersion"] = type.ApiVersion,
        ["metadata"] = metadata,
        ["items"] = new JsonArray([.. items.Select(item =>
        {
            // Items of a typed list carry no apiVersion or kind, as the API server serves them.
            var copy = (JsonObject)item.DeepClone();
            copy.Remove("apiVersion");
            copy.Remove("kind");
            return (JsonNode)copy;
        })]),
    };

    private static JsonObject Success(ResourceType type, string name, JsonObject old)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = JsonTree.String(old, "metadata", "uid");
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static string Position(JsonObject obj) => $"{JsonTree.String(obj, "metadata", "namespace")}\n{JsonTree.String(obj, "metadata", "name")}";

    private static string ContinueAfter(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw StatusError.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    private static JsonObject WithStatus(JsonObject obj, JsonNode? status)
    {
        var result = (JsonObject)obj.DeepClone();
        result.Remove("status");
        if (status is not null)
        {
            result["status"] = status.DeepClone();
        }

        return result;
    }

    // What the registry strategies set on create: no status from the client, a Namespace's name label and finalizer.
    private static void PrepareForCreate(ResourceType type, JsonObject obj, string name)
    {
        if (type.Has(ResourceTraits.Status))
        {
            obj.Remove("status");
            if (type.Group.Length == 0 && type.Kind is "PersistentVolumeClaim" or "Pod")
            {
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
            }
        }

        if (IsNamespace(type))
        {
            PrepareNamespace(obj, name);
        }
    }

    private static void PrepareNamespace(JsonObject obj, string name)
    {
        JsonTree.Object(JsonTree.Metadata(obj), "labels")["kubernetes.io/metadata.name"] = name;
        JsonTree.Object(obj, "spec")["finalizers"] ??= new JsonArray("kubernetes");
        JsonTree.Object(obj, "status")["phase"] ??= "Active";
    }

    private static bool SpecChanged(ResourceType type, JsonObject old, JsonObject now)
    {
        static JsonObject Body(JsonObject obj)
        {
            var copy = (JsonObject)obj.DeepClone();
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }

        return !JsonTree.Equal(Body(old), Body(now))
            || (type.Has(ResourceTraits.AnnotationsBumpGeneration) && !JsonTree.Equal(old["metadata"]?["annotations"], now["metadata"]?["annotations"]));
    }

    // Fields in the order the API server serialises them: apiVersion, kind, metadata (its own fields in Go struct
    // order), then the rest as they came.
    private static JsonObject Canonical(JsonObject obj)
    {
        var ordered = Ordered(obj, Leading);
        if (ordered["metadata"] is JsonObject metadata)
        {
            ordered["metadata"] = Ordered(metadata, MetadataOrder);
        }

        return ordered;
    }

    private static JsonObject Ordered(JsonObject obj, string[] first)
    {
        var ordered = new JsonObject();
        foreach (var field in first.Concat(obj.Select(field => field.Key)).Distinct().ToList())
        {
            if (obj.TryGetPropertyValue(field, out var value))
            {
                obj.Remove(field);
                ordered[field] = value;
            }
        }

        return ordered;
    }

    private static bool SameBesidesTimes(JsonNode? before, JsonNode? after) => JsonTree.Equal(WithoutTimes(before), WithoutTimes(after));

    private static JsonNode? WithoutTimes(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(field => !TimeFields.Contains(field.Key)).Select(field => KeyValuePair.Create(field.Key, WithoutTimes(field.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutTimes)]),
        _ => node?.DeepClone(),
    };

    // A controller keeps a condition's lastTransitionTime while its status stays the same.
    private static void KeepTransitionTimes(JsonNode? before, JsonObject after)
    {
        if (before?["conditions"] is not JsonArray old || after["conditions"] is not JsonArray now)
        {
            return;
        }

        foreach (var condition in now.OfType<JsonObject>())
        {
            var match = old.OfType<JsonObject>().FirstOrDefault(previous =>
                JsonTree.String(previous, "type") == JsonTree.String(condition, "type") && JsonTree.String(previous, "status") == JsonTree.String(condition, "status"));
            if (match?["lastTransitionTime"] is { } time)
            {
                condition["lastTransitionTime"] = time.DeepClone();
            }
        }
    }
}
