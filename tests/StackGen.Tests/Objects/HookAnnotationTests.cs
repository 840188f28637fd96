using StackGen.Objects;

namespace StackGen.Tests.Objects;

/// <summary>What <see cref="Hook"/> reads from Helm's annotations: events, phase, install/upgrade, weight, delete policies.</summary>
public sealed class HookAnnotationTests
{
    [Fact]
    public void No_hook_annotation_is_no_hook() =>
        Assert.Null(Hook.Of(new Dictionary<string, string> { [Hook.WeightAnnotation] = "1" }));

    [Theory]
    [InlineData("pre-install", HookPhase.BeforeWorkloads, true, false)]
    [InlineData("pre-upgrade", HookPhase.BeforeWorkloads, false, true)]
    [InlineData("pre-install,pre-upgrade", HookPhase.BeforeWorkloads, true, true)]
    [InlineData(" Post-Install , post-upgrade ", HookPhase.AfterWorkloads, true, true)]
    [InlineData("post-upgrade", HookPhase.AfterWorkloads, false, true)]
    [InlineData("pre-install,post-install", HookPhase.BeforeWorkloads, true, false)]
    public void Events_give_the_phase_and_when_it_runs(string events, HookPhase phase, bool onInstall, bool onUpgrade)
    {
        var hook = Hook.Of(new Dictionary<string, string> { [Hook.Annotation] = events })!;

        Assert.Equal(phase, hook.Phase);
        Assert.Equal(onInstall, hook.RunsOn(install: true));
        Assert.Equal(onUpgrade, hook.RunsOn(install: false));
    }

    [Theory]
    [InlineData("test")]
    [InlineData("test-success")]
    [InlineData("pre-delete,post-delete")]
    [InlineData("pre-rollback,post-rollback")]
    [InlineData("crd-install")]
    public void Events_StackGen_has_no_phase_for_are_unhonoured_and_never_run(string events)
    {
        var hook = Hook.Parse(events, null, null)!;

        Assert.Null(hook.Phase);
        Assert.False(hook.RunsOn(install: true));
        Assert.False(hook.RunsOn(install: false));
        Assert.Equal(hook.Events, hook.Unhonoured);
    }

    [Fact]
    public void Weight_orders_hooks_and_anything_but_an_integer_counts_as_zero()
    {
        Assert.Equal(-5, Hook.Parse("pre-install", "-5", null)!.Weight);
        Assert.Equal(0, Hook.Parse("pre-install", null, null)!.Weight);
        var bad = Hook.Parse("pre-install", "1.5", null)!;
        Assert.Equal((0, "1.5"), (bad.Weight, bad.InvalidWeight));
    }

    [Fact]
    public void Without_a_delete_policy_the_policy_is_helms_default_before_hook_creation()
    {
        Assert.Equal([Hook.BeforeHookCreation], Hook.Parse("pre-install", null, null)!.DeletePolicies);
        var hook = Hook.Parse("post-install", null, "hook-succeeded, hook-failed")!;
        Assert.True(hook.DeletesWhen(Hook.HookSucceeded) && hook.DeletesWhen(Hook.HookFailed) && !hook.DeletesWhen(Hook.BeforeHookCreation));
    }
}
