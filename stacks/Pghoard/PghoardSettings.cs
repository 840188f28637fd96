using System.ComponentModel.DataAnnotations;
using StackGen.Settings;
using StackGen.Stacks.Postgres;

namespace StackGen.Stacks.Pghoard;

public sealed record PghoardSettings
{
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/platform/pghoard:2.6.0");

    /// <summary>The server to back up, as a user with the REPLICATION attribute that pg_hba admits for replication.</summary>
    public PostgresConnection Database { get; init; } = new() { User = "pghoard", Password = new("pghoard-replication", "password") };

    /// <summary>The server's major version: pghoard runs the pg_basebackup and pg_receivewal of this version.</summary>
    [Range(12, 18)]
    public int PostgresVersion { get; init; } = 16;

    /// <summary>
    /// The physical replication slot pghoard streams WAL from, created before pghoard starts if missing. Without one
    /// the server may recycle WAL pghoard has not archived yet (a restart during a checkpoint is enough), and point-in-time
    /// recovery fails at the gap. The server keeps WAL for the slot while pghoard is away: bound it with
    /// max_slot_wal_keep_size on the server, and drop the slot when pghoard is retired.
    /// </summary>
    [RegularExpression("^[a-z0-9_]{1,63}$", ErrorMessage = "a replication slot name: 1 to 63 lowercase letters, digits and underscores")]
    public string Slot { get; init; } = "pghoard";

    /// <summary>The backup site: the key prefix of every backup in storage. Renaming it starts a new backup history.</summary>
    public string Site { get; init; } = "shop";

    [Range(1, 100)]
    public int BasebackupCount { get; init; } = 2;

    [Range(1, 720)]
    public int BasebackupIntervalHours { get; init; } = 24;

    public ObjectStorageSettings ObjectStorage { get; init; } = new();

    /// <summary>The backup location: WAL and base backups staged for compression and upload (and local storage).</summary>
    public VolumeSettings Storage { get; init; } = new() { StorageClass = "standard", Size = Quantity.Parse("20Gi") };

    /// <summary>Compression and upload threads each. pghoard's own defaults follow the node's CPU count, not the container's limit.</summary>
    [Range(1, 16)]
    public int Threads { get; init; } = 2;

    /// <summary>
    /// Always bounded: an unthrottled base backup once starved a node until its container runtime was restarted,
    /// taking the Postgres primary with it. Environments change the amounts; no setting removes a limit.
    /// </summary>
    public ComputeResources Resources { get; init; } = new()
    {
        Requests = new() { Cpu = Quantity.Parse("100m"), Memory = Quantity.Parse("256Mi") },
        Limits = new() { Cpu = Quantity.Parse("1"), Memory = Quantity.Parse("1Gi") },
    };

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
}
