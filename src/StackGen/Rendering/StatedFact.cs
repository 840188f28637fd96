using k8s;
using k8s.Models;

namespace StackGen.Rendering;

/// <summary>
/// A fact a stack stated about one of the objects it built (<see cref="Stacks.StackContext.State{T}"/>): what the object
/// is, for lint's rules to read instead of guessing from images, commands or generated config text. Never written out.
/// </summary>
public sealed record StatedFact(string Stack, IKubernetesObject<V1ObjectMeta> Resource, object Fact);
