namespace StackGen.Stacks.Pghoard.Json;

/// <summary>pghoard.json, as pghoard reads it (keys snake_case); serialized by <see cref="PghoardJsonContext"/>.</summary>
internal sealed record PghoardConfig(
    string BackupLocation,
    IReadOnlyDictionary<string, PghoardSite> BackupSites,
    PghoardThreads Compression,
    PghoardThreads Transfer,
    string HttpAddress,
    int HttpPort,
    string JsonStateFilePath,
    string MaintenanceModeFile,
    string AlertFileDir);
