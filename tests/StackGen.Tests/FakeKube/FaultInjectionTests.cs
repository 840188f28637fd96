using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static StackGen.Tests.FakeKube.FakeKubeApiServerTests;

namespace StackGen.Tests.FakeKube;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Given_throttling_for_two_requests_When_the_client_calls_three_times_Then_two_429s_with_Retry_After_precede_a_success()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.ThrottleNext(2, RequestMatch.For("GET", "/api/v1/namespaces/*/configmaps*"));

        var first = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync("default"));
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync("default"));
        var third = await client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.Equal((HttpStatusCode.TooManyRequests, "1"), (first.Response.StatusCode, first.Response.Headers["Retry-After"].Single()));
        Assert.Equal(("TooManyRequests", 1), (first.Status().Reason, first.Status().Details.RetryAfterSeconds));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Response.StatusCode);
        Assert.Empty(third.Items);
        Assert.Equal([429, 429, 200], server.Requests.Select(r => r.StatusCode));
        Assert.Equal(0, server.Faults.Armed);
    }

    [Fact]
    public async Task Given_a_failure_on_the_third_request_When_requests_arrive_Then_only_that_one_gets_a_500()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.FailRequest(3);

        await client.CoreV1.ListNamespaceAsync();
        await client.CoreV1.ListNamespaceAsync();
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
        await client.CoreV1.ListNamespaceAsync();

        Assert.Equal((500, "InternalError"), (error.Status().Code, error.Status().Reason));
        Assert.Equal([200, 200, 500, 200], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Given_failures_scoped_to_patches_When_other_requests_arrive_Then_only_patches_fail()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), "default");
        server.Faults.FailNext(1, RequestMatch.For("PATCH"));

        await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "settings", "default"));
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "settings", "default");

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Equal(2, server.WriteCount);
    }

    [Fact]
    public async Task Given_an_injected_conflict_When_a_lease_is_updated_Then_409_Conflict_names_the_lease()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "stackgen-lock" } }, "default");
        server.Faults.ConflictNext(RequestMatch.For("PUT"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "stackgen-lock", "default"));

        Assert.Equal((409, "Conflict"), (error.Status().Code, error.Status().Reason));
        Assert.StartsWith("Operation cannot be fulfilled on leases.coordination.k8s.io \"stackgen-lock\"", error.Status().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_dropped_connection_When_the_client_calls_Then_it_sees_an_HttpRequestException()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.ListNamespaceAsync();
        server.Faults.DropNext(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
        var afterwards = await client.CoreV1.ListNamespaceAsync();

        Assert.NotEmpty(afterwards.Items);
        Assert.Equal([200, null, 200], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Given_a_delay_When_the_client_calls_Then_the_answer_comes_after_it()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.DelayNext(TimeSpan.FromMilliseconds(300), match: RequestMatch.For("GET"));
        var clock = Stopwatch.StartNew();

        await client.CoreV1.ListNamespaceAsync();
        var delayed = clock.Elapsed;
        clock.Restart();
        await client.CoreV1.ListNamespaceAsync();

        Assert.InRange(delayed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < delayed, $"second call took {clock.Elapsed}, the delayed one {delayed}");
    }
}
