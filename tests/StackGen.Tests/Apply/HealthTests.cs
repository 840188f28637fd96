using System.Text.Json.Nodes;
using StackGen.Apply.Waiting;

namespace StackGen.Tests.Apply;

public sealed class HealthTests
{
    private static HealthStatus Of(string json) => Health.Evaluate(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void A_Deployment_is_ready_when_observed_updated_and_available()
    {
        var status = Of("""{"kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""");

        Assert.Equal(HealthState.Ready, status.State);
    }

    [Theory]
    [InlineData("""{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":2}""")]
    [InlineData("""{"observedGeneration":2,"replicas":2,"updatedReplicas":1,"availableReplicas":2}""")]
    [InlineData("""{"observedGeneration":2,"replicas":3,"updatedReplicas":2,"availableReplicas":2}""")]
    [InlineData("""{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":1}""")]
    public void A_Deployment_mid_rollout_is_progressing(string status) =>
        Assert.Equal(HealthState.Progressing, Of($$"""{"kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":2},"status":{{status}}}""").State);

    [Fact]
    public void A_Deployment_past_its_progress_deadline_has_failed_with_the_reason()
    {
        var status = Of("""
            {"kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":1},
             "status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-1\" has timed out progressing."}]}}
            """);

        Assert.Equal(HealthState.Failed, status.State);
        Assert.Equal("Progressing: ProgressDeadlineExceeded: ReplicaSet \"web-1\" has timed out progressing.", status.Reason);
    }

    [Fact]
    public void A_StatefulSet_is_ready_when_rolled_and_ready()
    {
        Assert.Equal("2/3 ready", Of("""{"kind":"StatefulSet","metadata":{"generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"readyReplicas":2,"currentRevision":"r1","updateRevision":"r1"}}""").Progress);
        Assert.Equal(HealthState.Progressing, Of("""{"kind":"StatefulSet","metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"readyReplicas":3,"currentRevision":"r1","updateRevision":"r2"}}""").State);
        Assert.Equal(HealthState.Ready, Of("""{"kind":"StatefulSet","metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"readyReplicas":3,"currentRevision":"r2","updateRevision":"r2"}}""").State);
    }

    [Fact]
    public void Jobs_complete_or_fail()
    {
        Assert.Equal(HealthState.Ready, Of("""{"kind":"Job","status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}""").State);
        var failed = Of("""{"kind":"Job","status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}}""");
        Assert.Equal(HealthState.Failed, failed.State);
        Assert.Contains("BackoffLimitExceeded", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_wait_for_Bound_and_other_kinds_are_ready_when_they_exist()
    {
        Assert.Equal(HealthState.Progressing, Of("""{"kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}""").State);
        Assert.Equal(HealthState.Ready, Of("""{"kind":"PersistentVolumeClaim","status":{"phase":"Bound"}}""").State);
        Assert.Equal(HealthState.Ready, Of("""{"kind":"ConfigMap"}""").State);
        Assert.False(Health.IsWaitable("Service"));
    }

    [Fact]
    public void Plain_progress_prints_a_line_only_when_it_changes()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var view = new ProgressView(output, live: false);
        var progressing = new HealthStatus(HealthState.Progressing, "2/3 ready");

        view.Update([("statefulset/rabbitmq", progressing)]);
        view.Update([("statefulset/rabbitmq", progressing)]);
        view.Update([("statefulset/rabbitmq", new HealthStatus(HealthState.Ready, "3/3 ready"))]);

        Assert.Equal("statefulset/rabbitmq: 2/3 ready\nstatefulset/rabbitmq: ready (3/3 ready)\n", output.ToString());
    }

    [Fact]
    public void Live_progress_redraws_its_lines_in_place()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var view = new ProgressView(output, live: true);

        view.Update([("deployment/web", new HealthStatus(HealthState.Progressing, "0/2 available")), ("statefulset/rabbitmq", new HealthStatus(HealthState.Progressing, "1/3 ready"))]);
        view.Update([("deployment/web", new HealthStatus(HealthState.Ready, "2/2 available")), ("statefulset/rabbitmq", new HealthStatus(HealthState.Progressing, "2/3 ready"))]);

        Assert.Equal(
            "\u001b[2Kdeployment/web: 0/2 available\n\u001b[2Kstatefulset/rabbitmq: 1/3 ready\n" +
            "\u001b[2A\u001b[2Kdeployment/web: ready (2/2 available)\n\u001b[2Kstatefulset/rabbitmq: 2/3 ready\n",
            output.ToString());
    }
}
