using StackGen.Rendering;
using StackGen.Validation.Schemas;

namespace StackGen.Validation;

/// <summary>
/// A rendered object of a group Kubernetes does not serve itself, with the CRD that defines its kind (rendered or in
/// crds/; null when neither has it) and whether the environment declares the kind external (<c>lint.externalKinds</c>).
/// </summary>
public sealed record CustomResource(RenderedObject Rendered, string Group, string Version, DefinedKind? Definition, bool DeclaredExternal);
