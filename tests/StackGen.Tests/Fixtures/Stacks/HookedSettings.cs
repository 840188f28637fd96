namespace StackGen.Tests.Fixtures.Stacks;

public sealed record HookedSettings
{
    /// <summary>The Deployment's image (the hooks keep theirs): changing it is an upgrade of the stack's workload.</summary>
    public string Image { get; init; } = "registry.example.com/hooked:1.0.0";

    /// <summary>The hook Jobs' image: changing it changes their (immutable) pod templates under the same names.</summary>
    public string ToolsImage { get; init; } = "registry.example.com/hooked-tools:1.0.0";

    /// <summary>The setup Job's helm.sh/hook-delete-policy; none (Helm's default, before-hook-creation) when null.</summary>
    public string? SetupDeletePolicy { get; init; }

    /// <summary>Also emit a Pod annotated helm.sh/hook: test, which StackGen does not run.</summary>
    public bool TestHook { get; init; } = true;
}
