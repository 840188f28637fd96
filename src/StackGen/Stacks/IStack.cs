using k8s;
using k8s.Models;

namespace StackGen.Stacks;

/// <summary>The engine's view of a stack; stacks derive from <see cref="Stack{TSettings}"/>.</summary>
public interface IStack
{
    /// <summary>Kebab-case name used in environment files, object names and labels.</summary>
    string Name { get; }

    /// <summary>The team that owns the stack; only its team layer may override it.</summary>
    string Owner { get; }

    /// <summary>One line saying what the stack runs.</summary>
    string Description { get; }

    Type SettingsType { get; }

    /// <summary>The type of the outputs other stacks may reference, or null when it exposes none.</summary>
    Type? OutputsType { get; }

    /// <summary>
    /// The lint rules about this stack's own domain (RabbitMQ's partition handling, say), declared next to it; the engine's
    /// general rules are in <see cref="Validation.Linter.Rules"/>. They read facts the stack states while it builds.
    /// </summary>
    IReadOnlyList<Validation.Rule> Rules { get; }

    /// <summary>
    /// The classes generated from <c>crds/</c> whose objects the stack may emit (whichever settings turn them on):
    /// <c>stackgen stacks</c> lists them, and a render in which the stack emits another custom kind fails as a bug.
    /// </summary>
    IReadOnlyList<Type> CustomKinds { get; }

    IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, object settings);

    object Outputs(StackContext context, object settings);

    /// <summary>Reports problems of the bound settings that their types cannot express (see <see cref="Stack{TSettings}.Check"/>).</summary>
    void Check(object settings, SettingChecks checks);
}
