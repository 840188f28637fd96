namespace StackGen.Stacks.Pghoard.Json;

/// <summary>Backups in a directory of the pghoard volume.</summary>
internal sealed record LocalObjectStorage(string Directory) : PghoardObjectStorage;
