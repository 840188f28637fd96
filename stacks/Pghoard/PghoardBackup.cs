using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using StackGen.Binding;
using StackGen.Building;
using StackGen.Facts;
using StackGen.Settings;
using StackGen.Stacks.Pghoard.Json;
using StackGen.Stacks.Postgres;

namespace StackGen.Stacks.Pghoard;

/// <summary>
/// pghoard streaming WAL from a PostgreSQL server and taking periodic base backups to object storage: one pod,
/// always CPU- and memory-bounded, at the lowest CPU and I/O priority, with its backup location on a volume.
/// </summary>
public sealed class PghoardBackup : Stack<PghoardSettings>
{
    private const string Component = "backup";
    private const string ConfigPart = "config";
    private const string DataPart = "data";
    private const string Port = "http";
    private const int HttpPort = 16000;
    private const string StatusPath = "/status";
    private const string ConfigDirectory = "/etc/pghoard";
    private const string ConfigFile = "pghoard.json";
    private const string DataDirectory = "/var/lib/pghoard";

    // pghoard refuses a site without pg_data_directory and reads the server's major version from its PG_VERSION,
    // even when, as here, it backs up a remote server; the config volume provides just that file.
    private const string VersionDirectory = "pgdata";
    private const string VersionFile = "PG_VERSION";

    // pg_basebackup streams through compression to the volume: the volume holds a compressed backup, not a raw copy.
    private const string BasebackupMode = "pipe";
    private const string WalMode = "pg_receivexlog";

    // The lowest CPU priority and the idle I/O class, inherited by the pg_basebackup and pg_receivewal pghoard
    // starts, so a base backup yields to other work. Both are best effort: niceness orders processes within the
    // pod's cgroup and I/O classes only act under the BFQ scheduler; the resource limits bound pghoard's share.
    private static readonly string[] LowestPriority = ["nice", "-n", "19", "ionice", "-c", "3"];

    // The Debian postgres user, which pghoard images run as; it owns the backup volume.
    private static readonly RunAsSettings PghoardUser = new() { User = 999, Group = 999 };

    // rohmu sizes multipart upload parts from the node's RAM (up to 524 MiB each, per transfer thread), not from
    // the container's memory limit; a fixed part size keeps uploads inside the limit.
    private const long UploadPartBytes = 64L * 1024 * 1024;

    public override string Name => "pghoard";

    public override string Owner => "platform";

    public override string Description => "pghoard PostgreSQL backups (WAL streaming and base backups), bounded and at low priority";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, PghoardSettings settings) =>
    [
        Config(context, settings),
        BackupVolume(context, settings),
        // Tells lint (SG2004) that this is a backup, run at the lowest priority (LowestPriority below).
        context.State(Daemon(context, settings), new BackupWorkload(SettingNames.Path(nameof(PghoardSettings.Resources)), LowPriority: true)),
    ];

    /// <summary>A Secret, though nothing in it is secret: the credentials reach pghoard as environment variables.</summary>
    private static V1Secret Config(StackContext context, PghoardSettings settings) => new()
    {
        Metadata = context.Metadata(context.Name(ConfigPart), Component),
        Type = "Opaque",
        StringData = new Dictionary<string, string>
        {
            [ConfigFile] = JsonSerializer.Serialize(PghoardJson(settings), PghoardJsonContext.Default.PghoardConfig) + "\n",
            [VersionFile] = settings.PostgresVersion.ToString(CultureInfo.InvariantCulture) + "\n",
        },
    };

    private static V1PersistentVolumeClaim BackupVolume(StackContext context, PghoardSettings settings) => new()
    {
        Metadata = context.Metadata(context.Name(DataPart), Component),
        Spec = Volumes.ReadWriteOnce(settings.Storage),
    };

    /// <summary>
    /// One pod, replaced with Recreate: two pghoards would stream the same WAL and share a ReadWriteOnce volume.
    /// pghoard runs in its data volume: it writes its upload progress file into the working directory.
    /// </summary>
    private static V1Deployment Daemon(StackContext context, PghoardSettings settings)
    {
        var pghoard = new V1Container
        {
            Name = "pghoard",
            Image = settings.Image.ToString(),
            Command = [.. LowestPriority],
            Args = ["pghoard", $"{ConfigDirectory}/{ConfigFile}"],
            WorkingDir = DataDirectory,
            Ports = [new V1ContainerPort { Name = Port, ContainerPort = HttpPort }],
            Env = [Libpq.Password(settings.Database), .. StorageCredentials(settings.ObjectStorage)],
            VolumeMounts =
            [
                new V1VolumeMount { Name = ConfigPart, MountPath = ConfigDirectory, ReadOnlyProperty = true },
                new V1VolumeMount { Name = DataPart, MountPath = DataDirectory },
            ],
            Resources = settings.Resources.ToKubernetes(),
            ReadinessProbe = Probes.Http(StatusPath, Port),
            // Lenient: a throttled pod in the middle of a base backup answers slowly, and a restart would abort it.
            LivenessProbe = Probes.Http(StatusPath, Port, periodSeconds: 30, failureThreshold: 6) with { TimeoutSeconds = 10 },
        };
        return Deployments.Create(context, context.Name(), Component, 1, Deployments.Recreate(), Pods.Spec(PghoardUser, [pghoard], [SlotSetup(settings)]) with
        {
            NodeSelector = settings.NodeSelector.Count == 0 ? null : new Dictionary<string, string>(settings.NodeSelector),
            Volumes =
            [
                new V1Volume
                {
                    Name = ConfigPart,
                    Secret = new V1SecretVolumeSource
                    {
                        SecretName = context.Name(ConfigPart),
                        Items =
                        [
                            new V1KeyToPath { Key = ConfigFile, Path = ConfigFile },
                            new V1KeyToPath { Key = VersionFile, Path = $"{VersionDirectory}/{VersionFile}" },
                        ],
                    },
                },
                new V1Volume { Name = DataPart, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = context.Name(DataPart) } },
            ],
        });
    }

    /// <summary>
    /// Creates pghoard's replication slot before pghoard starts, unless it exists: pghoard streams from a slot but
    /// never creates one. It logs in as pghoard does (the replication role suffices, over the same TLS settings) with
    /// the pg_receivewal of the image, which exits once the slot exists.
    /// </summary>
    private static V1Container SlotSetup(PghoardSettings settings) => new()
    {
        Name = "create-slot",
        Image = settings.Image.ToString(),
        Command = ["pg_receivewal", "--create-slot", "--if-not-exists", "--slot", settings.Slot, "--dbname", Libpq.ConnectionString(settings.Database)],
        Env = [Libpq.Password(settings.Database)],
        Resources = settings.Resources.ToKubernetes(),
    };

    /// <summary>S3 keys as the variables botocore reads by itself; local storage needs none.</summary>
    private static IEnumerable<V1EnvVar> StorageCredentials(ObjectStorageSettings storage) => storage.Type == ObjectStorageType.S3
        ? [Env.FromSecret("AWS_ACCESS_KEY_ID", storage.AccessKeyId), Env.FromSecret("AWS_SECRET_ACCESS_KEY", storage.SecretAccessKey)]
        : [];

    private static PghoardConfig PghoardJson(PghoardSettings settings) => new(
        BackupLocation: $"{DataDirectory}/staging",
        BackupSites: new Dictionary<string, PghoardSite>(StringComparer.Ordinal) { [settings.Site] = Site(settings) },
        Compression: new PghoardThreads(settings.Threads),
        Transfer: new PghoardThreads(settings.Threads),
        HttpAddress: "0.0.0.0",
        HttpPort: HttpPort,
        JsonStateFilePath: $"{DataDirectory}/pghoard_state.json",
        MaintenanceModeFile: $"{DataDirectory}/maintenance_mode_file",
        AlertFileDir: DataDirectory);

    private static PghoardSite Site(PghoardSettings settings) => new(
        Nodes:
        [
            new PghoardNode(
                settings.Database.Host,
                settings.Database.Port,
                settings.Database.User,
                settings.Database.Name,
                Libpq.SslModeName(settings.Database.SslMode),
                settings.Slot),
        ],
        BasebackupCount: settings.BasebackupCount,
        BasebackupIntervalHours: settings.BasebackupIntervalHours,
        BasebackupMode: BasebackupMode,
        ActiveBackupMode: WalMode,
        PgDataDirectory: $"{ConfigDirectory}/{VersionDirectory}",
        ObjectStorage: settings.ObjectStorage.Type == ObjectStorageType.S3
            ? new S3ObjectStorage(settings.ObjectStorage.Region, settings.ObjectStorage.Bucket, UploadPartBytes)
            : new LocalObjectStorage($"{DataDirectory}/backups"));
}
