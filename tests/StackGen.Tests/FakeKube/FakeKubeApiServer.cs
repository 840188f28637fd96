using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// An in-process stand-in for a Kubernetes API server, for tests: HTTP or HTTPS (<see cref="FakeKubeTls"/>) on 127.0.0.1 (a free port), reached
/// through a generated kubeconfig by KubernetesClient exactly as a real cluster would be. It serves discovery,
/// CRUD with label and field selectors, optimistic concurrency, server-side apply with field ownership and
/// conflicts, merge/strategic/JSON patches, dry run, the status subresource and Leases; a
/// <see cref="StatusSimulator"/> plays the controllers, a <see cref="FaultInjector"/> plays a bad day, and every
/// request is recorded. Semantics follow the real API server; README.md next to this file lists what is simplified.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly KubeApi _api;
    private readonly FakeKubeOptions _options;
    private readonly Lock _log = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _requestCount;

    private FakeKubeApiServer(WebApplication app, FakeKubeOptions options)
    {
        _app = app;
        _options = options;
        _api = new KubeApi(options, Simulator);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The bearer token every request must carry (401 Unauthorized otherwise).</summary>
    public string Token => _options.Token;

    /// <summary>The controllers' stand-in: how fast workloads become ready, and which ones fail.</summary>
    public StatusSimulator Simulator { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_log)
            {
                return [.. _requests.OrderBy(request => request.Number)];
            }
        }
    }

    /// <summary>API requests that changed stored state (no-op applies, dry runs, failures and the simulator's status writes do not count).</summary>
    public long WriteCount => _api.WriteCount;

    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeOptions? options = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var tls = options?.Tls;
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(tls.Server, https =>
                {
                    if (tls.Client is not null)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => tls.Issued(certificate);
                    }
                });
            }
        }));
        var app = builder.Build();
        var server = new FakeKubeApiServer(app, options ?? new FakeKubeOptions());
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        server._api.ServerAddress = $"{server.BaseAddress.Host}:{server.BaseAddress.Port}";
        return server;
    }

    /// <summary>
    /// Writes <c>DIRECTORY/CONTEXT.kubeconfig</c>: one cluster (this server, with its CA under TLS), one user (the
    /// token, or the client certificate when the server requires one) and one context with
    /// <paramref name="defaultNamespace"/>, all named <paramref name="context"/> and current. Returns its path.
    /// </summary>
    public string WriteKubeconfig(string directory, string context = "fake", string defaultNamespace = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(context);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{context}.kubeconfig");
        var tls = _options.Tls;
        string[] lines =
        [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            $"- name: {Quote(context)}",
            "  cluster:",
            $"    server: {Quote(BaseAddress.GetLeftPart(UriPartial.Authority))}",
            .. tls is null ? [] : new[] { $"    certificate-authority-data: {FakeKubeTls.KubeconfigData(tls.Authority)}" },
            "users:",
            $"- name: {Quote(context)}",
            "  user:",
            .. tls?.Client is { } client
                ? new[] { $"    client-certificate-data: {FakeKubeTls.KubeconfigData(client)}", $"    client-key-data: {FakeKubeTls.KubeconfigKeyData(client)}" }
                : [$"    token: {Quote(Token)}"],
            "contexts:",
            $"- name: {Quote(context)}",
            "  context:",
            $"    cluster: {Quote(context)}",
            $"    user: {Quote(context)}",
            $"    namespace: {Quote(defaultNamespace)}",
            $"current-context: {Quote(context)}",
        ];
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    /// <summary>A client for this server, configured as a kubeconfig for it would configure one. Dispose it.</summary>
    public Kubernetes CreateClient() => new(new KubernetesClientConfiguration
    {
        Host = BaseAddress.GetLeftPart(UriPartial.Authority),
        AccessToken = Token,
        Namespace = "default",
    });

    /// <summary>
    /// Stores an object directly (no request, no validation, status kept as given), filling in uid,
    /// creationTimestamp, generation and resourceVersion; creates its namespace when missing. With
    /// <paramref name="fieldManager"/>, the object's fields are owned by that manager through an Update, as if
    /// <c>kubectl edit</c> or a controller had written them. Returns the stored object.
    /// </summary>
    public JsonObject Seed(JsonNode obj, string? fieldManager = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _api.Seed(obj as JsonObject ?? throw new ArgumentException("a Kubernetes object must be a JSON object", nameof(obj)), fieldManager);
    }

    /// <summary>Creates a namespace directly, as <see cref="Seed"/> does.</summary>
    public JsonObject SeedNamespace(string name) => Seed(KubeApi.NamespaceObject(name));

    /// <summary>A copy of a stored object, or null; <paramref name="ns"/> is ignored for cluster-scoped kinds.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) => _api.Get(_api.TypeOf(apiVersion, kind), ns, name);

    /// <summary>A stored object as a KubernetesClient model (e.g. <c>V1Deployment</c>), or null.</summary>
    public T? Get<T>(string? ns, string name)
        where T : class
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} is not a Kubernetes model", nameof(T));
        var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        return Get(apiVersion, entity.Kind, ns, name) is { } obj ? KubernetesJson.Deserialize<T>(obj.ToJsonString()) : null;
    }

    /// <summary>Copies of every stored object, namespaces and Events included.</summary>
    public IReadOnlyList<JsonObject> All() => _api.All();

    /// <summary>
    /// Records a v1 Event about an object (which need not exist), e.g. a kubelet's <c>BackOff</c> or a scheduler's
    /// <c>FailedScheduling</c>; list them with <c>fieldSelector=involvedObject.name=NAME</c>.
    /// </summary>
    public JsonObject AddEvent(string apiVersion, string kind, string? ns, string name, string reason, string message, string type = "Warning") =>
        _api.RecordEvent(apiVersion, kind, ns, name, type, reason, message, "fake-kube");

    /// <summary>Forgets the requests recorded so far (the request numbering goes on).</summary>
    /// <summary>What every pod of the Job <paramref name="job"/> logs (GET .../pods/NAME/log); pods of other Jobs log nothing.</summary>
    public void SetJobLog(string ns, string job, string log) => _api.SetJobLog(ns, job, log);

    public void ClearRequests()
    {
        lock (_log)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        string body;
        using (var reader = new StreamReader(http.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var request = new RecordedRequest(
            Interlocked.Increment(ref _requestCount),
            http.Method.ToUpperInvariant(),
            http.Path.Value ?? "/",
            http.QueryString.HasValue ? http.QueryString.Value![1..] : "",
            http.ContentType,
            body)
        {
            UserAgent = http.Headers.UserAgent.ToString(),
        };

        var plan = Faults.Take(request);
        if (plan.Delay > TimeSpan.Zero)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(plan.Delay, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Record(request);
                context.Abort();
                return;
            }
        }

        if (plan.Failure == FaultInjector.Fault.Drop)
        {
            Record(request);
            context.Abort();
            return;
        }

        var response = plan.Failure is { } fault ? Injected(fault, plan.RetryAfterSeconds, request)
            : !Authenticated(context) ? ApiResponse.From(StatusError.Unauthorized())
            : _api.Handle(request);
        Record(request with { StatusCode = response.StatusCode });

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.Text is null ? "application/json" : "text/plain";
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers.Append(name, value);
        }

        await context.Response.WriteAsync(response.Text ?? JsonTree.Text(response.Body), context.RequestAborted).ConfigureAwait(false);
    }

    private ApiResponse Injected(FaultInjector.Fault fault, int retryAfterSeconds, RecordedRequest request) => ApiResponse.From(fault switch
    {
        FaultInjector.Fault.Throttle => StatusError.TooManyRequests(retryAfterSeconds),
        FaultInjector.Fault.Conflict when _api.Target(request.Path) is { Name: { } name } target => StatusError.Conflict(target.Type, name, StatusError.OptimisticLock),
        FaultInjector.Fault.Conflict => new StatusError(409, "Conflict", $"Operation cannot be fulfilled: {StatusError.OptimisticLock}"),
        _ => StatusError.Internal("etcdserver: request timed out (injected by FakeKubeApiServer)"),
    });

    private void Record(RecordedRequest request)
    {
        lock (_log)
        {
            _requests.Add(request);
        }
    }

    // A client certificate when the server asks for one (the TLS handshake checked its issuer), the token otherwise.
    private bool Authenticated(HttpContext context) =>
        _options.Tls?.Client is not null ? context.Connection.ClientCertificate is not null : context.Request.Headers.Authorization.ToString() == $"Bearer {Token}";

    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
