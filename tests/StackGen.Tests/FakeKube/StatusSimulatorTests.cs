using k8s;
using k8s.Models;
using static StackGen.Tests.FakeKube.FakeKubeApiServerTests;

namespace StackGen.Tests.FakeKube;

public sealed class StatusSimulatorTests
{
    [Fact]
    public async Task Given_an_applied_deployment_When_polled_Then_it_progresses_and_becomes_available_on_the_second_get()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var applied = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(KubernetesJson.Serialize(Deployment("web", replicas: 3)), V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "stackgen");

        var first = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var second = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var third = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Null(applied.Status);
        Assert.Equal((1L, 3, 0), (first.Status.ObservedGeneration, first.Status.Replicas, first.Status.AvailableReplicas ?? 0));
        Assert.Equal("False", first.Status.Conditions.Single(c => c.Type == "Available").Status);
        Assert.Equal((1L, 3, 3, 3, 3), (second.Status.ObservedGeneration, second.Status.Replicas, second.Status.UpdatedReplicas, second.Status.ReadyReplicas, second.Status.AvailableReplicas));
        Assert.Equal(("True", "True"), (second.Status.Conditions.Single(c => c.Type == "Available").Status, second.Status.Conditions.Single(c => c.Type == "Progressing").Status));
        Assert.Equal(second.Metadata.ResourceVersion, third.Metadata.ResourceVersion);
        Assert.Equal(1L, third.Metadata.Generation);
        Assert.Equal(1, server.WriteCount);
    }

    [Fact]
    public async Task Given_a_new_generation_When_polled_Then_the_rollout_starts_over()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Simulator.PollsUntilReady = 1;
        var statefulSet = StatefulSet("rabbitmq", ("app", "rabbitmq"));
        await client.AppsV1.CreateNamespacedStatefulSetAsync(statefulSet, "default");
        var ready = await client.AppsV1.ReadNamespacedStatefulSetAsync("rabbitmq", "default");
        server.Simulator.PollsUntilReady = 2;
        await client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"rabbitmq","image":"rabbitmq:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "rabbitmq", "default");

        var rolling = await client.AppsV1.ReadNamespacedStatefulSetAsync("rabbitmq", "default");
        var rolled = await client.AppsV1.ReadNamespacedStatefulSetAsync("rabbitmq", "default");

        Assert.Equal((1L, ready.Status.UpdateRevision), (ready.Status.ObservedGeneration, ready.Status.CurrentRevision));
        Assert.Equal(1, ready.Status.ReadyReplicas);
        Assert.Equal(2L, rolling.Status.ObservedGeneration);
        Assert.NotEqual(rolling.Status.CurrentRevision, rolling.Status.UpdateRevision);
        Assert.Equal(ready.Status.UpdateRevision, rolling.Status.CurrentRevision);
        Assert.Equal((rolled.Status.UpdateRevision, 1), (rolled.Status.CurrentRevision, rolled.Status.ReadyReplicas));
        Assert.Equal(2L, rolled.Metadata.Generation);
    }

    [Fact]
    public async Task Given_a_deployment_set_to_fail_When_polled_Then_progressing_turns_false_with_the_reason_and_a_warning_event()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Simulator.Fail("apps/v1", "Deployment", "default", "web", "ProgressDeadlineExceeded", "ReplicaSet \"web-5d4f8c7b9\" has timed out progressing.");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");

        await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var failed = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var events = await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=web");

        var progressing = failed.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded", "ReplicaSet \"web-5d4f8c7b9\" has timed out progressing."), (progressing.Status, progressing.Reason, progressing.Message));
        var warning = Assert.Single(events.Items);
        Assert.Equal(("Warning", "ProgressDeadlineExceeded", "Deployment", "deployment-controller"), (warning.Type, warning.Reason, warning.InvolvedObject.Kind, warning.Source.Component));
    }

    [Fact]
    public async Task Given_a_stalled_statefulset_When_polled_many_times_Then_it_never_becomes_ready()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Simulator.Stall("apps/v1", "StatefulSet", "default", "rabbitmq");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("rabbitmq", ("app", "rabbitmq")), "default");

        var polls = new List<V1StatefulSet>();
        for (var poll = 0; poll < 5; poll++)
        {
            polls.Add(await client.AppsV1.ReadNamespacedStatefulSetAsync("rabbitmq", "default"));
        }

        Assert.All(polls, polled => Assert.Equal((1L, 1, 0), (polled.Status.ObservedGeneration, polled.Status.Replicas, polled.Status.ReadyReplicas ?? 0)));
    }

    [Fact]
    public async Task Given_a_job_and_a_claim_When_polled_Then_the_job_completes_and_the_claim_binds()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Simulator.PollsUntilReady = 1;
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "migrate" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "migrate", Image = "web:1" }] } } },
        };
        var claim = new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data" },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("10Gi") } } },
        };
        await client.BatchV1.CreateNamespacedJobAsync(job, "default");
        var pending = await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, "default");

        var completed = await client.BatchV1.ReadNamespacedJobAsync("migrate", "default");
        var bound = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");

        Assert.Equal(1, completed.Status.Succeeded);
        Assert.Equal("True", completed.Status.Conditions.Single(c => c.Type == "Complete").Status);
        Assert.Equal(("Pending", "Bound"), (pending.Status.Phase, bound.Status.Phase));
        Assert.Equal("10Gi", bound.Status.Capacity["storage"].ToString());
    }

    [Fact]
    public async Task Given_status_written_by_the_simulator_When_inspected_Then_it_is_owned_by_the_controller_through_the_status_subresource()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Simulator.PollsUntilReady = 1;
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 1), "default", fieldManager: "stackgen");

        await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        var entries = server.Get("apps/v1", "Deployment", "default", "web")!["metadata"]!["managedFields"]!.AsArray();
        var controller = entries.Single(e => (string?)e!["manager"] == "kube-controller-manager")!;
        Assert.Equal(("Update", "status"), ((string?)controller["operation"], (string?)controller["subresource"]));
        Assert.NotNull(controller["fieldsV1"]!["f:status"]!["f:conditions"]!["k:{\"type\":\"Available\"}"]);
    }
}
