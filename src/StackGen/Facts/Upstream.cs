using StackGen.Diagnostics;

namespace StackGen.Facts;

/// <summary>
/// The object comes from software the organisation did not write: a vendored chart's render or a vendored manifest
/// (stated by <see cref="Charts.VendoredObjects"/> for every object a stack returns from it).
/// </summary>
/// <param name="Origin">"chart queue 1.0.0", "manifest cert-manager v1.16.2".</param>
/// <param name="Source">The template or file that wrote it.</param>
/// <param name="ValuesUnchecked">A chart without values.schema.json: nothing checked the values it was rendered with (lint SG2010).</param>
public sealed record Upstream(string Origin, SourceLocation Source, bool ValuesUnchecked = false);
