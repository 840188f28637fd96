namespace StackGen.Stacks.Pghoard.Json;

/// <summary>One backed-up PostgreSQL cluster ("site") and where its backups go.</summary>
internal sealed record PghoardSite(
    IReadOnlyList<PghoardNode> Nodes,
    int BasebackupCount,
    int BasebackupIntervalHours,
    string BasebackupMode,
    string ActiveBackupMode,
    string PgDataDirectory,
    PghoardObjectStorage ObjectStorage);
