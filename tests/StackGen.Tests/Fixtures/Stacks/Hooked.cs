using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Objects;
using StackGen.Settings;
using StackGen.Stacks;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>
/// The hooks fixture: objects as a vendored chart renders them, Helm's hook annotations written by hand (not through
/// Markers), Jobs with fixed names (chart-style, no content hash): a pre-install one, a pre-upgrade one, a
/// post-install/post-upgrade one deleted once it succeeds; and a test Pod, beside the Deployment they run around.
/// </summary>
public sealed class Hooked : StackGen.Stacks.Stack<HookedSettings>
{
    public const string SetupJob = "hooked-setup";
    public const string CheckJob = "hooked-check";
    public const string PrepareJob = "hooked-prepare";
    public const string TestPod = "hooked-test";
    private const string Component = "hooked";

    public override string Name => "hooked";

    public override string Owner => "platform";

    public override string Description => "fixture: a Deployment with Helm hooks around it, as a chart ships them";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, HookedSettings settings)
    {
        yield return new V1ConfigMap { Metadata = context.Metadata(Component, Component), Data = new Dictionary<string, string> { ["mode"] = "fixture" } };
        yield return Deployments.Create(context, Component, Component, 1, Deployments.SurgeFirst(), Pods.Spec(Container("app", settings.Image, ["sleep", "infinity"]), new RunAsSettings()) with
        {
            Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = Component } }],
        });
        yield return HookJob(context, SetupJob, settings.ToolsImage, $"{Hook.PreInstall}", weight: "-5", policy: settings.SetupDeletePolicy);
        yield return HookJob(context, PrepareJob, settings.ToolsImage, $"{Hook.PreUpgrade}", weight: null, policy: null);
        yield return HookJob(context, CheckJob, settings.ToolsImage, $"{Hook.PostInstall},{Hook.PostUpgrade}", weight: null, policy: Hook.HookSucceeded);
        if (settings.TestHook)
        {
            var metadata = context.Metadata(TestPod, Component);
            metadata.Annotations = new Dictionary<string, string> { [Hook.Annotation] = "test" };
            yield return new V1Pod { Metadata = metadata, Spec = Pods.Spec(Container("test", "registry.example.com/hooked-test:1.0.0", ["true"]), new RunAsSettings()) with { RestartPolicy = "Never" } };
        }
    }

    private static V1Job HookJob(StackContext context, string name, string image, string events, string? weight, string? policy)
    {
        var metadata = context.Metadata(name, name);
        metadata.Annotations = new Dictionary<string, string> { [Hook.Annotation] = events };
        if (weight is not null)
        {
            metadata.Annotations[Hook.WeightAnnotation] = weight;
        }

        if (policy is not null)
        {
            metadata.Annotations[Hook.DeletePolicyAnnotation] = policy;
        }

        return new V1Job
        {
            Metadata = metadata,
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Template = Pods.Template(context, name, Pods.Spec(Container(name, image, ["true"]), new RunAsSettings()) with { RestartPolicy = "Never" }),
            },
        };
    }

    private static V1Container Container(string name, string image, IList<string> command) => new()
    {
        Name = name,
        Image = image,
        Command = command,
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("16Mi") },
        },
        ReadinessProbe = name == "app" ? Probes.Exec(["true"]) : null,
        LivenessProbe = name == "app" ? Probes.Exec(["true"]) : null,
    };
}
