using k8s;
using k8s.Models;

namespace StackGen.Tests.Charts;

/// <summary>A test-only stack including the fixture manifest queue-operator, patched.</summary>
public sealed class OperatorManifest : StackGen.Stacks.Stack<OperatorManifestSettings>
{
    public override string Name => "operator";

    public override string Owner => "platform";

    public override string Description => "The fixture manifest queue-operator, patched";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackGen.Stacks.StackContext context, OperatorManifestSettings settings) =>
        context.Manifest("queue-operator")
            .Patch<V1Deployment>(settings.Deployment, deployment => deployment.Spec.Replicas = 2);
}
