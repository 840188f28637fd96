using StackGen.Diagnostics;

namespace StackGen.Layering;

/// <summary>One key of a mapping: where the key was written and its value.</summary>
public sealed record MappingEntry(string Key, SourceLocation KeyLocation, SettingNode Value);
