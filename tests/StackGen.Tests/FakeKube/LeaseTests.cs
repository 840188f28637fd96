using k8s;
using k8s.Autorest;
using k8s.Models;

namespace StackGen.Tests.FakeKube;

public sealed class LeaseTests
{
    private const string Name = "stackgen-apply-lock";

    [Fact]
    public async Task Given_a_held_lease_When_another_applier_creates_it_Then_409_AlreadyExists()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("alice"), "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("bob"), "default"));

        Assert.Equal((409, "AlreadyExists"), (error.Status().Code, error.Status().Reason));
        Assert.Equal("alice", (await client.CoordinationV1.ReadNamespacedLeaseAsync(Name, "default")).Spec.HolderIdentity);
    }

    [Fact]
    public async Task Given_two_appliers_with_the_same_resourceVersion_When_both_take_over_Then_the_second_gets_409_Conflict()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var read = await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("alice"), "default");
        var bob = Lease("bob", read.Metadata.ResourceVersion);
        var carol = Lease("carol", read.Metadata.ResourceVersion);

        var taken = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(bob, Name, "default");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(carol, Name, "default"));

        Assert.Equal("bob", taken.Spec.HolderIdentity);
        Assert.Equal((409, "Conflict"), (error.Status().Code, error.Status().Reason));
        Assert.Equal("bob", (await client.CoordinationV1.ReadNamespacedLeaseAsync(Name, "default")).Spec.HolderIdentity);
    }

    [Fact]
    public async Task Given_a_lease_When_replaced_without_a_resourceVersion_Then_422_because_leases_allow_no_unconditional_update()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("alice"), "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(Lease("bob"), Name, "default"));

        Assert.Equal((422, "metadata.resourceVersion"), (error.Status().Code, error.Status().Details.Causes.Single().Field));
    }

    [Fact]
    public async Task Given_no_lease_When_one_is_put_Then_it_is_created_and_a_release_with_a_stale_precondition_is_refused()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();

        var created = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(Lease("alice"), Name, "default");
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(Lease("bob", created.Metadata.ResourceVersion), Name, "default");
        var stale = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion } };
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.DeleteNamespacedLeaseAsync(Name, "default", stale));

        Assert.Equal(409, error.Status().Code);
        Assert.NotNull(server.Get("coordination.k8s.io/v1", "Lease", "default", Name));
    }

    private static V1Lease Lease(string holder, string? resourceVersion = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, ResourceVersion = resourceVersion },
        Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 60 },
    };
}
