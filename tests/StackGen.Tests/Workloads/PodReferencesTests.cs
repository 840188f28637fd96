using k8s.Models;
using StackGen.Rendering;
using StackGen.Tests.Lint;
using StackGen.Tests.Support;
using StackGen.Workloads;

namespace StackGen.Tests.Workloads;

/// <summary>
/// What a pod references is one list, read by the config checksums and by lint (SG1009): projected volume sources
/// count, and an optional reference may be missing.
/// </summary>
public sealed class PodReferencesTests
{
    private static V1PodSpec Pod(V1Volume[] volumes, V1Container container) => new() { Volumes = volumes, Containers = [container] };

    private static V1Volume Projected(string name, V1VolumeProjection source) =>
        new() { Name = name, Projected = new V1ProjectedVolumeSource { Sources = [source] } };

    [Fact]
    public void Projected_sources_env_and_env_from_are_references_each_with_its_optional_flag()
    {
        var pod = Pod(
            [
                Projected("bundle", new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "settings" }, Secret = new V1SecretProjection { Name = "keys", Optional = true } }),
                new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data" } },
            ],
            new V1Container
            {
                Name = "app",
                Env = [new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "api", Key = "token", Optional = true } } }],
                EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "env" } }],
            });

        Assert.Equal(
            [
                new PodReference("ConfigMap", "settings", Optional: false),
                new PodReference("Secret", "keys", Optional: true),
                new PodReference("PersistentVolumeClaim", "data", Optional: false),
                new PodReference("Secret", "api", Optional: true),
                new PodReference("ConfigMap", "env", Optional: false),
            ],
            PodReferences.Of(pod));
    }

    [Fact]
    public void A_missing_config_map_in_a_projected_volume_is_a_lint_finding()
    {
        var report = LintRun.Of("production", r => AddVolume(BrokerPod(r), Projected("extra", new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "nowhere" } })));

        var finding = Assert.Single(report.Active, f => f.Rule.Id == "SG1009");
        Assert.Contains("uses ConfigMap 'nowhere'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_reference_marked_optional_is_not_a_lint_finding()
    {
        var report = LintRun.Of("production", r =>
        {
            var pod = BrokerPod(r);
            AddVolume(pod, new V1Volume { Name = "maybe-config", ConfigMap = new V1ConfigMapVolumeSource { Name = "nowhere", Optional = true } });
            AddVolume(pod, Projected("maybe-keys", new V1VolumeProjection { Secret = new V1SecretProjection { Name = "nowhere", Optional = true } }));
            var broker = pod.Containers.Single(c => c.Name == "broker");
            broker.Env = [.. broker.Env ?? [], new V1EnvVar { Name = "MAYBE", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "nowhere", Key = "k", Optional = true } } }];
            broker.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "nowhere", Optional = true } }];
        });

        Assert.DoesNotContain(report.Active, f => f.Rule.Id == "SG1009");
    }

    [Fact]
    public void A_config_map_used_only_through_a_projected_volume_rolls_the_pods()
    {
        string Checksum(string value)
        {
            var configMap = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = value } };
            var deployment = new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "app" },
                Spec = new V1DeploymentSpec
                {
                    Selector = new V1LabelSelector(),
                    Template = new V1PodTemplateSpec { Spec = Pod([Projected("bundle", new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "settings" } })], new V1Container { Name = "app" }) },
                },
            };
            ConfigChecksums.Apply([new RenderedObject("app", configMap), new RenderedObject("app", deployment)]);
            return deployment.Spec.Template.Metadata.Annotations[ConfigChecksums.Annotation];
        }

        Assert.NotEqual(Checksum("1"), Checksum("2"));
    }

    private static void AddVolume(V1PodSpec pod, V1Volume volume) => pod.Volumes = [.. pod.Volumes ?? [], volume];

    /// <summary>The pod of the fixture organisation's StatefulSet.</summary>
    private static V1PodSpec BrokerPod(RenderResult result) => result.Find<V1StatefulSet>("broker").Spec.Template.Spec;
}
