using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Authentication;
using StackGen.Emitting;

namespace StackGen.Apply.Kube;

/// <summary>
/// One code path for every kind: maps apiVersion/kind to its REST path and sends the request through the
/// kubeconfig's HttpClient and credentials (<see cref="KubeHttp"/>: TLS, tokens, exec plugins as kubectl would
/// use them). Transient failures are retried with backoff; every request that
/// changes something is idempotent (server-side apply, delete of a named object), so a retry after a
/// dropped connection is safe.
/// </summary>
public sealed class ResourceClient : IDisposable
{
    public const string FieldManager = "stackgen";
    public const string ApplyPatchContentType = "application/apply-patch+yaml";

    private readonly KubeHttp _http;
    private readonly ApplyHost _host;
    private readonly TextWriter _log;
    private readonly string _base;

    public ResourceClient(KubernetesClientConfiguration configuration, ApplyHost host, TextWriter log)
    {
        _http = KubeHttp.Create(configuration);
        _host = host;
        _log = log;
        _base = _http.Server.ToString().TrimEnd('/');
        Types = new ResourceTypes(GetDiscoveryAsync);
    }

    public ResourceTypes Types { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>The live object; null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ObjectRef item, CancellationToken cancel)
    {
        var type = await Types.ResolveAsync(item.ApiVersion, item.Kind, cancel).ConfigureAwait(false);
        try
        {
            return await SendAsync(HttpMethod.Get, type.ObjectPath(item.Namespace, item.Name), null, $"get {item}", cancel).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Objects of one resource matching a label selector, in <paramref name="ns"/> (all namespaces when null).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceType type, string? ns, string labelSelector, CancellationToken cancel)
    {
        var path = $"{type.CollectionPath(ns)}?labelSelector={Uri.EscapeDataString(labelSelector)}";
        var list = await SendAsync(HttpMethod.Get, path, null, $"list {type.Plural}", cancel).ConfigureAwait(false);
        var items = new List<JsonObject>();
        foreach (var item in (list?["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Items of a list carry no apiVersion/kind on a real server: the list's type says it.
            item["apiVersion"] ??= type.ApiVersion;
            item["kind"] ??= type.Kind;
            items.Add(item);
        }

        return items;
    }

    /// <summary>
    /// Server-side apply of <paramref name="desired"/>, sent as YAML from the one YAML writer (what render
    /// prints). Returns the object as the server stored it (or would, on a dry run).
    /// </summary>
    public async Task<JsonObject> ApplyAsync(JsonObject desired, bool dryRun, bool force, CancellationToken cancel)
    {
        var item = ObjectRef.Of(desired);
        var type = await Types.ResolveAsync(item.ApiVersion, item.Kind, cancel).ConfigureAwait(false);
        var query = $"?fieldManager={FieldManager}{(force ? "&force=true" : "")}{(dryRun ? "&dryRun=All" : "")}";
        var yaml = YamlEmitter.Write(desired);
        var result = await SendAsync(
            HttpMethod.Patch,
            type.ObjectPath(item.Namespace, item.Name) + query,
            () => Content(yaml, ApplyPatchContentType),
            $"apply {item}",
            cancel,
            retryConflicts: true).ConfigureAwait(false);
        return result ?? throw new KubeApiException($"apply {item}: the server answered with an empty body");
    }

    /// <summary>Deletes the object (dependents in the background, as kubectl does); false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectRef item, bool dryRun, CancellationToken cancel)
    {
        var type = await Types.ResolveAsync(item.ApiVersion, item.Kind, cancel).ConfigureAwait(false);
        var query = $"?propagationPolicy=Background{(dryRun ? "&dryRun=All" : "")}";
        try
        {
            await SendAsync(HttpMethod.Delete, type.ObjectPath(item.Namespace, item.Name) + query, null, $"delete {item}", cancel).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>POST: fails with AlreadyExists when someone else created it first (how the lock is taken).</summary>
    public async Task<JsonObject> CreateAsync(JsonObject item, CancellationToken cancel)
    {
        var reference = ObjectRef.Of(item);
        var type = await Types.ResolveAsync(reference.ApiVersion, reference.Kind, cancel).ConfigureAwait(false);
        var json = item.ToJsonString();
        return await SendAsync(HttpMethod.Post, type.CollectionPath(reference.Namespace) + $"?fieldManager={FieldManager}", () => Content(json, "application/json"), $"create {reference}", cancel).ConfigureAwait(false)
            ?? throw new KubeApiException($"create {reference}: the server answered with an empty body");
    }

    /// <summary>PUT with the object's resourceVersion: fails with Conflict when it changed since it was read.</summary>
    public async Task<JsonObject> ReplaceAsync(JsonObject item, CancellationToken cancel)
    {
        var reference = ObjectRef.Of(item);
        var type = await Types.ResolveAsync(reference.ApiVersion, reference.Kind, cancel).ConfigureAwait(false);
        var json = item.ToJsonString();
        return await SendAsync(HttpMethod.Put, type.ObjectPath(reference.Namespace, reference.Name) + $"?fieldManager={FieldManager}", () => Content(json, "application/json"), $"update {reference}", cancel).ConfigureAwait(false)
            ?? throw new KubeApiException($"update {reference}: the server answered with an empty body");
    }

    /// <summary>Recent events about an object, oldest first; empty when the server will not say.</summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync(ObjectRef item, CancellationToken cancel)
    {
        if (item.Namespace is null)
        {
            return [];
        }

        try
        {
            var selector = Uri.EscapeDataString($"involvedObject.name={item.Name},involvedObject.kind={item.Kind}");
            var list = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{Uri.EscapeDataString(item.Namespace)}/events?fieldSelector={selector}", null, $"events of {item}", cancel).ConfigureAwait(false);
            return (list?["items"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(e => (string?)e["involvedObject"]?["name"] == item.Name && (string?)e["involvedObject"]?["kind"] == item.Kind)
                .OrderBy(e => (string?)e["lastTimestamp"] ?? (string?)e["eventTime"] ?? "", StringComparer.Ordinal)
                .ToArray();
        }
        catch (KubeApiException)
        {
            // Events only decorate a failure report; a server that will not list them must not hide the failure.
            return [];
        }
    }

    private async Task<JsonObject?> GetDiscoveryAsync(string path, CancellationToken cancel)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, $"discover {path}", cancel).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static ByteArrayContent Content(string text, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    // A success that is not JSON is not an API server: a proxy's or load balancer's page in front of the address.
    private JsonObject? Parse(string body, string? mediaType, HttpStatusCode status, string what)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            var type = mediaType ?? "no content type";
            throw new KubeApiException($"{what}: {_base} answered {(int)status} with a body that is not JSON ({type}); check that the kubeconfig's server is the Kubernetes API server and not a proxy or login page in front of it");
        }
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines a pod's container logged (its previous run's, when it restarted, are not
    /// asked for); null when the server will not say: a log only decorates a failure report, it must not hide it.
    /// </summary>
    public async Task<string?> LogTailAsync(string ns, string pod, int lines, CancellationToken cancel)
    {
        try
        {
            var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}/log?tailLines={lines}";
            return (await SendTextAsync(HttpMethod.Get, path, null, $"log of pod {pod}", cancel).ConfigureAwait(false)).Body;
        }
        catch (KubeApiException)
        {
            return null;
        }
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, string what, CancellationToken cancel, bool retryConflicts = false)
    {
        var (body, mediaType, status) = await SendTextAsync(method, path, content, what, cancel, retryConflicts).ConfigureAwait(false);
        return body.Length == 0 ? null : Parse(body, mediaType, status, what);
    }

    /// <summary>The body of a successful answer as text, with its media type and status; failures retried or thrown as in <see cref="SendAsync"/>.</summary>
    private async Task<(string Body, string? MediaType, HttpStatusCode Status)> SendTextAsync(HttpMethod method, string path, Func<HttpContent>? content, string what, CancellationToken cancel, bool retryConflicts = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            KubeApiException failure;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                timeout.CancelAfter(_host.RequestTimeout);
                try
                {
                    using var request = new HttpRequestMessage(method, new Uri(_base + path)) { Content = content?.Invoke() };
                    if (_http.Credentials is not null)
                    {
                        await _http.Credentials.ProcessHttpRequestAsync(request, timeout.Token).ConfigureAwait(false);
                    }

                    using var response = await _http.Client.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return (body, response.Content.Headers.ContentType?.MediaType, response.StatusCode);
                    }

                    failure = KubeApiException.FromResponse(what, response.StatusCode, body);
                    retryAfter = response.Headers.RetryAfter?.Delta
                        ?? (response.Headers.RetryAfter?.Date is { } date ? date - _host.Clock.GetUtcNow() : null);
                    var transient = RetryPolicy.IsTransient(response.StatusCode) || (retryConflicts && failure.IsRetryableConflict);
                    if (!transient)
                    {
                        throw failure;
                    }
                }
                catch (HttpRequestException e)
                {
                    failure = new KubeApiException($"{what}: cannot reach the API server at {_base}: {e.Message}", inner: e);
                }
                catch (IOException e)
                {
                    failure = new KubeApiException($"{what}: the connection to {_base} broke: {e.Message}", inner: e);
                }
                catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
                {
                    failure = new KubeApiException($"{what}: no answer from {_base} within {_host.RequestTimeout.TotalSeconds:0.#}s", inner: e);
                }
            }

            if (!_host.Retry.CanRetry(attempt))
            {
                throw new KubeApiException($"{failure.Message} (gave up after {attempt} attempts)", failure.Status, failure.Reason, failure.Conflicts, failure);
            }

            var delay = _host.Retry.DelayAfter(attempt, retryAfter);
            await _log.WriteLineAsync($"retrying {what} in {delay.TotalSeconds:0.###}s (attempt {attempt + 1} of {_host.Retry.MaxAttempts}): {failure.Message}").ConfigureAwait(false);
            await _host.Delay(delay, cancel).ConfigureAwait(false);
        }
    }
}
