using k8s;
using k8s.Models;
using StackGen.Diagnostics;

namespace StackGen.Objects;

/// <summary>One object read from a manifest (a chart's render, an upstream YAML file) and where it came from.</summary>
/// <param name="Source">The file the object was written in (a chart's template, a vendored YAML file and line).</param>
public sealed record ManifestObject(IKubernetesObject<V1ObjectMeta> Resource, SourceLocation Source);
