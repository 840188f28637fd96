using k8s.Models;
using StackGen.Building;
using StackGen.Settings;
using StackGen.Tests.Support;
using StackGen.Workloads;

namespace StackGen.Tests.Building;

/// <summary>
/// Every pod the stacks render gets the pod security defaults of <see cref="Pods"/>, init containers included:
/// a workload that builds its pod by hand (RabbitMQ's StatefulSet once did) fails here, naming it.
/// </summary>
public sealed class PodDefaultsTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_container_of_every_workload_runs_unprivileged_as_non_root(string environment)
    {
        foreach (var rendered in Renders.Render(environment).Objects)
        {
            if (PodTemplates.Of(rendered.Resource) is not { Spec: { } pod })
            {
                continue;
            }

            Assert.True(pod.SecurityContext is { RunAsNonRoot: true, RunAsUser: not null, SeccompProfile.Type: "RuntimeDefault" }, $"{rendered.Id}: pod security context");
            foreach (var container in PodTemplates.Containers(pod))
            {
                Assert.True(
                    container.SecurityContext is { AllowPrivilegeEscalation: false, Capabilities.Drop: ["ALL"] },
                    $"{rendered.Id}: container {container.Name} may escalate privileges or keeps capabilities");
            }
        }
    }

    [Fact]
    public void A_container_that_sets_part_of_its_security_context_keeps_it_and_gets_the_rest()
    {
        var readOnly = new V1Container { Name = "app", SecurityContext = new V1SecurityContext { ReadOnlyRootFilesystem = true } };
        var binder = new V1Container { Name = "bind", SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["NET_BIND_SERVICE"] } } };

        var pod = Pods.Spec(new RunAsSettings(), [readOnly], [binder]);

        Assert.True(pod.Containers[0].SecurityContext is { ReadOnlyRootFilesystem: true, AllowPrivilegeEscalation: false, Capabilities.Drop: ["ALL"] });
        Assert.True(pod.InitContainers[0].SecurityContext is { AllowPrivilegeEscalation: false, Capabilities: { Add: ["NET_BIND_SERVICE"], Drop: ["ALL"] } });
    }

    [Fact]
    public void Rabbitmq_copies_its_erlang_cookie_without_capabilities()
    {
        // The copy is a file of uid 999 in an emptyDir, and chmod of one's own file needs no capability; chown would
        // need CAP_CHOWN, which the container no longer has, and fsGroup already gives the group.
        var nodes = Renders.Render("production").Find<V1StatefulSet>("rabbitmq");
        var pod = nodes.Spec.Template.Spec;
        var copy = nodes.Container("erlang-cookie");

        Assert.Equal((999L, 999L), (pod.SecurityContext.RunAsUser!.Value, pod.SecurityContext.FsGroup!.Value));
        Assert.Null(copy.SecurityContext.RunAsUser);
        Assert.DoesNotContain(copy.Command, part => part.Contains("chown", StringComparison.Ordinal));
        Assert.Equal(["ALL"], copy.SecurityContext.Capabilities.Drop);
    }
}
