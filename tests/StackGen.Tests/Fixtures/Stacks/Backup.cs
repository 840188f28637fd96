using k8s;
using k8s.Models;
using StackGen.Binding;
using StackGen.Building;
using StackGen.Facts;
using StackGen.Stacks;

namespace StackGen.Tests.Fixtures.Stacks;

/// <summary>The fixture organisation's backup: one low-priority pod (Recreate) with a PersistentVolumeClaim.</summary>
public sealed class Backup : StackGen.Stacks.Stack<BackupSettings>
{
    private const string Component = "backup";
    private const string HttpPort = "http";

    public override string Name => "backup";

    public override string Owner => "platform";

    public override string Description => "fixture: a backup Deployment with a PersistentVolumeClaim";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, BackupSettings settings) =>
    [
        new V1PersistentVolumeClaim { Metadata = context.Metadata(context.Name("data"), Component), Spec = Volumes.ReadWriteOnce(settings.Storage) },
        context.State(Daemon(context, settings), new BackupWorkload(SettingNames.Path(nameof(BackupSettings.Resources)), LowPriority: true)),
    ];

    private static V1Deployment Daemon(StackContext context, BackupSettings settings) =>
        Deployments.Create(context, context.Name(), Component, 1, Deployments.Recreate(), Pods.Spec(new V1Container
        {
            Name = "backup",
            Image = settings.Image.ToString(),
            Command = ["nice", "-n", "19", "ionice", "-c", "3", "backup-daemon"],
            Ports = [new V1ContainerPort { Name = HttpPort, ContainerPort = 8080 }],
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/var/lib/backup" }],
            Resources = settings.Resources.ToKubernetes(),
            ReadinessProbe = Probes.Http("/status", HttpPort),
            LivenessProbe = Probes.Http("/status", HttpPort),
        }, settings.RunAs) with
        {
            Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = context.Name("data") } }],
        });
}
