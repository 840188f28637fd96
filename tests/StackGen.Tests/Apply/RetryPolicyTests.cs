using System.Net;
using StackGen.Apply.Kube;

namespace StackGen.Tests.Apply;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new() { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500), MaxRetryAfter = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Backoff_doubles_up_to_the_cap()
    {
        Assert.Equal(
            [100, 200, 400, 500, 500],
            Enumerable.Range(1, 5).Select(attempt => Policy.DelayAfter(attempt).TotalMilliseconds));
    }

    [Fact]
    public void Retry_after_is_honoured_within_a_bound()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Policy.DelayAfter(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.DelayAfter(1, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.Zero, Policy.DelayAfter(1, TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Attempts_are_bounded() =>
        Assert.Equal([true, true, true, true, false], Enumerable.Range(1, 5).Select(Policy.CanRetry));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Only_transient_statuses_are_retried(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(status));

    [Fact]
    public void A_field_manager_conflict_is_reported_per_field_and_manager_not_retried()
    {
        const string body = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
             "message":"Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas",
             "details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\" using apps/v1","field":".spec.replicas"}]}}
            """;

        var error = KubeApiException.FromResponse("apply statefulset/rabbitmq", HttpStatusCode.Conflict, body);

        Assert.Equal(new FieldConflict(".spec.replicas", "kubectl-edit", "conflict with \"kubectl-edit\" using apps/v1"), Assert.Single(error.Conflicts));
        Assert.False(error.IsRetryableConflict);
        Assert.True(KubeApiException.FromResponse("x", HttpStatusCode.Conflict, """{"kind":"Status","reason":"Conflict","message":"the object has been modified"}""").IsRetryableConflict);
    }
}
