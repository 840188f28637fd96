using System.Globalization;
using System.Text.Json.Nodes;
using StackGen.Apply;
using StackGen.Apply.Diffing;
using StackGen.Apply.Kube;
using StackGen.Apply.Sets;
using StackGen.Cli;
using StackGen.Emitting;
using StackGen.Layering;
using StackGen.Rendering;
using StackGen.Tests.FakeKube;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Apply;

/// <summary>
/// A fake API server standing in for the fixture organisation's production cluster (its target's context and
/// namespace), and the stackgen command run against it in-process with a manual clock: retries, polls and lease
/// expiry take no real time.
/// </summary>
public sealed class FakeCluster : IAsyncDisposable
{
    public const string Operator = "tester@ci pid 1";

    private static readonly Target Production = FixtureOrganisation.Organisation.Load("production").Target;

    private readonly string _directory;

    private FakeCluster(FakeKubeApiServer server, string directory, ManualClock clock, TestOrganisation organisation)
    {
        Server = server;
        Organisation = organisation;
        _directory = directory;
        Clock = clock;
        Kubeconfig = server.WriteKubeconfig(directory, Production.Context, Namespace);
    }

    public static string Namespace => Production.Namespace;

    public FakeKubeApiServer Server { get; }

    /// <summary>What `stackgen` runs on: the fixture organisation unless the test started the cluster with another.</summary>
    public TestOrganisation Organisation { get; }

    public ManualClock Clock { get; }

    public string Kubeconfig { get; }

    /// <summary>One API request slower than this is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts the cluster; with <paramref name="tls"/> its API server speaks HTTPS. <paramref name="organisation"/> (default:
    /// the fixture organisation) must target its production environment at the same context and namespace.
    /// </summary>
    public static async Task<FakeCluster> StartAsync(FakeKubeTls? tls = null, TestOrganisation? organisation = null)
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var server = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { Clock = clock, Namespaces = ["default", "kube-system", Namespace], Tls = tls });
        return new FakeCluster(server, Directory.CreateTempSubdirectory("stackgen-apply-").FullName, clock, organisation ?? FixtureOrganisation.Organisation);
    }

    public ApplyHost Host(string identity = Operator) => new()
    {
        Environment = name => name switch { "HOME" => _directory, "CI" => "true", _ => null },
        Identity = identity,
        Clock = Clock,
        Delay = (delay, _) =>
        {
            Clock.Advance(delay);
            return Task.CompletedTask;
        },
        RequestTimeout = RequestTimeout,
        PollInterval = TimeSpan.FromSeconds(2),
    };

    /// <summary>Runs `stackgen ARGS --kubeconfig FILE` (unless ARGS name one) from the fixture organisation's root.</summary>
    public CliRun Run(params string[] args) => RunAs(Operator, args);

    /// <summary>Runs `stackgen apply --env production ARGS` and fails the test unless it exits 0.</summary>
    public CliRun Apply(params string[] args)
    {
        var run = Run(["apply", "--env", "production", .. args]);
        Assert.True(run.ExitCode == 0, $"apply exited {run.ExitCode}\n{run.Out}\n{run.Error}");
        return run;
    }

    public CliRun RunAs(string identity, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        string[] withKubeconfig = args.Contains("--kubeconfig") ? args : [.. args, "--kubeconfig", Kubeconfig];
        var exit = StackGenCli.Run(withKubeconfig, Organisation.Catalog, stdout, stderr, Organisation.Root, Host(identity));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public JsonObject? Live(string apiVersion, string kind, string name) => Live(apiVersion, kind, name, Namespace);

    public JsonObject? Live(string apiVersion, string kind, string name, string? ns) => Server.Get(apiVersion, kind, ns, name);

    /// <summary>Someone else's apply lock of <paramref name="stack"/>: held unless renewed more than 60 s ago.</summary>
    public void SeedLease(string stack, string holder, TimeSpan acquiredAgo, TimeSpan renewedAgo)
    {
        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var now = Clock.GetUtcNow();
        Server.Seed(new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = $"stackgen-lock-{stack}", ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = holder,
                ["acquireTime"] = Time(now - acquiredAgo),
                ["renewTime"] = Time(now - renewedAgo),
                ["leaseDurationSeconds"] = 60,
            },
        });
    }

    /// <summary>The ApplySet ID of a stack's set in this cluster.</summary>
    public static string SetId(string stack) => new ApplySet("production", stack, Namespace).Id;

    /// <summary>
    /// Every rendered object is live with exactly the rendered content (the server may add defaults and status,
    /// never change or drop a rendered field), labelled as a member of its stack's set; nothing else of the
    /// sets' is left but <paramref name="kept"/> ("PersistentVolumeClaim/data").
    /// </summary>
    public void AssertLiveEqualsRender(RenderResult render, params string[] kept)
    {
        foreach (var rendered in render.Objects)
        {
            var live = Live(rendered.ApiVersion, rendered.Kind, rendered.Name, rendered.Resource.Metadata.NamespaceProperty)
                ?? throw new Xunit.Sdk.XunitException($"{rendered.Id} is not live");
            var expected = new ApplySet("production", rendered.Stack, Namespace).Member(Manifests(rendered));
            var actual = ServerNoise.Strip(live);
            if (!Contains(actual, expected))
            {
                Assert.Fail($"{rendered.Id} differs from the render:\n{UnifiedDiff.Format(YamlEmitter.Write(expected), YamlEmitter.Write(actual), "render", "live")}");
            }
        }

        var sets = render.Objects.Select(o => o.Stack).Distinct().Select(SetId).ToHashSet(StringComparer.Ordinal);
        var expectedMembers = render.Objects.Select(o => $"{o.Kind}/{o.Name}").Concat(kept).ToHashSet(StringComparer.Ordinal);
        var members = Server.All()
            .Where(o => (string?)o["metadata"]?["labels"]?[ApplySet.PartOfLabel] is { } id && sets.Contains(id))
            .Select(o => $"{(string?)o["kind"]}/{(string?)o["metadata"]!["name"]}");
        Assert.DoesNotContain(members, m => !expectedMembers.Contains(m));
    }

    /// <summary>Requests that changed or tried to change something (dry runs excluded).</summary>
    public IReadOnlyList<RecordedRequest> Writes() =>
        [.. Server.Requests.Where(r => r.Method is "PATCH" or "POST" or "PUT" or "DELETE" && r.QueryValue("dryRun") is null)];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static JsonObject Manifests(RenderedObject rendered) => StackGen.Apply.Manifests.StackManifest.ToJson(rendered.Resource);

    /// <summary>True when every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value.</summary>
    private static bool Contains(JsonNode? actual, JsonNode? expected) => (actual, expected) switch
    {
        (_, null) => true,
        (JsonObject a, JsonObject e) => e.All(p => p.Value is null || Contains(a[p.Key], p.Value)),
        (JsonArray a, JsonArray e) => a.Count == e.Count && e.Select((item, i) => Contains(a[i], item)).All(x => x),
        (JsonValue a, JsonValue e) => a.ToJsonString() == e.ToJsonString(),
        _ => false,
    };
}
