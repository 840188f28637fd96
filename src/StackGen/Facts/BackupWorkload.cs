namespace StackGen.Facts;

/// <summary>
/// The workload runs backups (lint rule SG2004: bounded and deprioritised). Stated by the stack that builds it:
/// <c>context.State(deployment, new BackupWorkload(SettingNames.Path(nameof(MySettings.Resources)), LowPriority: true))</c>.
/// </summary>
/// <param name="ResourcesSetting">The setting that sizes the backup's containers, as the binder names it ("resources").</param>
/// <param name="LowPriority">Its processes run at the lowest CPU priority and the idle I/O class .</param>
public sealed record BackupWorkload(string ResourcesSetting, bool LowPriority);
