using k8s;
using k8s.Models;

namespace StackGen.Stacks;

/// <summary>
/// A stack: a name, an owning team, an immutable settings record with defaults in code, and a pure
/// build method that returns typed Kubernetes objects.
/// </summary>
public abstract class Stack<TSettings> : IStack
    where TSettings : class, new()
{
    public abstract string Name { get; }

    public abstract string Owner { get; }

    public abstract string Description { get; }

    public Type SettingsType => typeof(TSettings);

    public virtual Type? OutputsType => null;

    /// <summary>Lint rules about this stack's domain, declared in its folder (see README, "Adding a lint rule"); none by default.</summary>
    public virtual IReadOnlyList<Validation.Rule> Rules => [];

    public virtual IReadOnlyList<Type> CustomKinds => [];

    IEnumerable<IKubernetesObject<V1ObjectMeta>> IStack.Build(StackContext context, object settings) =>
        Build(context, (TSettings)settings);

    object IStack.Outputs(StackContext context, object settings) => OutputsOf(context, (TSettings)settings);

    void IStack.Check(object settings, SettingChecks checks) => Check((TSettings)settings, checks);

    /// <summary>The objects the stack emits. Pure: no I/O, clock, randomness or environment.</summary>
    protected abstract IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, TSettings settings);

    /// <summary>
    /// Checks what the settings' types cannot say (object names made of setting values, values that must differ), so
    /// that bad values are input errors at the setting instead of failures of the build. Runs on every environment.
    /// </summary>
    protected virtual void Check(TSettings settings, SettingChecks checks)
    {
    }

    private protected virtual object OutputsOf(StackContext context, TSettings settings) =>
        throw new InvalidOperationException($"stack {Name} exposes no outputs");
}

/// <summary>A stack that exposes typed outputs (service names, ports, credentials) other stacks can reference.</summary>
public abstract class Stack<TSettings, TOutputs> : Stack<TSettings>
    where TSettings : class, new()
    where TOutputs : class
{
    public sealed override Type? OutputsType => typeof(TOutputs);

    /// <summary>What other stacks may use. Pure, and derived from the same settings as <c>Build</c>.</summary>
    protected abstract TOutputs Outputs(StackContext context, TSettings settings);

    private protected sealed override object OutputsOf(StackContext context, TSettings settings) => Outputs(context, settings);
}
