namespace StackGen.Facts;

/// <summary>
/// At most one pod of the workload may ever run: a scheduler, a leader without election (lint rule SG2008). Stated by
/// <see cref="Building.Markers.AsSingleWriter{T}"/>, which also annotates the object for operators.
/// </summary>
/// <param name="ReplicasSetting">The setting that sets its replicas, as the binder names it; null when the stack fixes them in code.</param>
public sealed record SingleWriter(string? ReplicasSetting = null);
