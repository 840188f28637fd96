using System.Text.Json.Nodes;
using StackGen.Apply.Kube;
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
    public void A_CustomResourceDefinition_is_ready_when_Established_and_fails_when_its_names_are_refused()
    {
        const string Definition = """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[CONDITIONS]}}""";
        var installing = Of(Definition.Replace("CONDITIONS", """{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"False","reason":"Installing","message":"the initial names have been accepted"}""", StringComparison.Ordinal));
        var established = Of(Definition.Replace("CONDITIONS", """{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}""", StringComparison.Ordinal));
        var refused = Of(Definition.Replace("CONDITIONS", """{"type":"NamesAccepted","status":"False","reason":"NameConflict","message":"wd is already in use"}""", StringComparison.Ordinal));

        Assert.Equal((HealthState.Progressing, "Established: Installing: the initial names have been accepted"), (installing.State, installing.Reason));
        Assert.Equal((HealthState.Ready, "established"), (established.State, established.Progress));
        Assert.Equal((HealthState.Failed, "NamesAccepted: NameConflict: wd is already in use"), (refused.State, refused.Reason));
        Assert.True(Health.IsWaitable(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com")));
    }

    [Fact]
    public void A_custom_resource_is_ready_when_its_Ready_condition_is_True_for_its_generation_or_when_it_reports_none()
    {
        const string Widget = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"generation":2},"status":STATUS}""";
        var reconciling = Of(Widget.Replace("STATUS", """{"conditions":[{"type":"Ready","status":"False","reason":"Reconciling","message":"waiting for the backend"}]}""", StringComparison.Ordinal));
        var stale = Of(Widget.Replace("STATUS", """{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True"}]}""", StringComparison.Ordinal));
        var ready = Of(Widget.Replace("STATUS", """{"conditions":[{"type":"Ready","status":"True","observedGeneration":2,"reason":"Reconciled"}]}""", StringComparison.Ordinal));
        var silent = Of(Widget.Replace("STATUS", """{"phase":"Whatever"}""", StringComparison.Ordinal));

        Assert.Equal((HealthState.Progressing, "Ready=False: Reconciling: waiting for the backend"), (reconciling.State, reconciling.Progress));
        Assert.Equal(HealthState.Progressing, stale.State);
        Assert.Equal((HealthState.Ready, "Ready=True: Reconciled"), (ready.State, ready.Progress));
        Assert.Equal((HealthState.Ready, "exists"), (silent.State, silent.Progress));
        Assert.True(Health.IsWaitable(new ObjectRef("example.com/v1", "Widget", "shop", "w")));
        Assert.False(Health.IsWaitable(new ObjectRef("v1", "Service", "shop", "web")));
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
