using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using StackGen.Objects;
using StackGen.Stacks;
using StackGen.Tests.Fixtures.Stacks;

namespace StackGen.Tests.Exporting;

/// <summary>
/// The export tests' stack: Jobs that declare themselves Helm hooks (as the web migration and chart hooks do), a Job
/// that is none, an object annotated stackgen.io/keep, and Widgets of the definition the gadgets stack ships.
/// </summary>
public sealed class HookedJobs : StackGen.Stacks.Stack<HookedJobsSettings>
{
    private const string Component = "jobs";

    public override string Name => "hooked";

    public override string Owner => "platform";

    public override string Description => "fixture: hook Jobs, a plain Job, a kept ConfigMap and custom resources of another stack's definition";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, HookedJobsSettings settings)
    {
        yield return Job(context, "migrate", "pre-install,pre-upgrade");
        yield return Job(context, "notify", "post-install, post-upgrade", "hook-succeeded");
        yield return Job(context, "smoke", "test");
        yield return Job(context, "seed", hook: null);
        var kept = context.Metadata("kept", Component);
        kept.Annotations = new Dictionary<string, string> { ["stackgen.io/keep"] = "true", ["argocd.argoproj.io/sync-options"] = "ServerSideApply=true" };
        yield return new V1ConfigMap { Metadata = kept, Data = new Dictionary<string, string> { ["a"] = "b" } };
        for (var i = 1; i <= settings.Widgets; i++)
        {
            var widget = new UntypedObject(Gadgets.ApiVersion, Gadgets.WidgetKind, context.Metadata($"widget-{i}", Component));
            widget.Fields["spec"] = new JsonObject { ["size"] = 1 };
            yield return widget;
        }
    }

    private static V1Job Job(StackContext context, string name, string? hook, string? deletePolicy = null)
    {
        var metadata = context.Metadata(name, Component);
        if (hook is not null)
        {
            metadata.Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = hook };
        }

        if (deletePolicy is not null)
        {
            metadata.Annotations!["helm.sh/hook-delete-policy"] = deletePolicy;
        }

        return new V1Job
        {
            Metadata = metadata,
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = name, Image = "example.org/app:1", Command = [name] }] },
                },
            },
        };
    }
}
