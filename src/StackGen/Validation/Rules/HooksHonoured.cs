using StackGen.Layering;
using StackGen.Objects;

namespace StackGen.Validation.Rules;

/// <summary>SG1020: Helm hook events (and delete policies) StackGen cannot honour are named, never silently dropped.</summary>
public sealed class HooksHonoured : Rule
{
    public override string Id => "SG1020";

    public override string Title => "Helm hooks StackGen cannot honour";

    public override string Explanation =>
        "`stackgen apply` runs helm.sh/hook objects in phases of their own: pre-install and pre-upgrade before the " +
        "stack's workloads, post-install and post-upgrade once they are healthy, each waited for until complete. It has " +
        "no test, delete or rollback phase (helm test, helm uninstall, helm rollback hooks) and no crd-install, so those " +
        "events never run; an object with no event StackGen honours is not applied at all, as `helm install` does not " +
        "create a test hook. An object with pre- and post- events runs before the workloads only. A hook-weight that is " +
        "not an integer counts as 0.";

    public override string Fix =>
        "Run what the hook does another way (a test as a CI step, a cleanup with `stackgen delete`), remove the object " +
        "with a chart patch, or accept the finding with a reason (lint.suppress) if it is not needed.";

    public override Severity SeverityFor(Tier tier) => Severity.Warning;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var rendered in context.Result.Objects)
        {
            if (Hook.Of(rendered.Resource.Metadata.Annotations) is not { } hook)
            {
                continue;
            }

            var ignored = hook.Unhonoured;
            if (ignored.Count > 0)
            {
                var effect = hook.Phase is null
                    ? "; it is not applied at all (StackGen honours none of its events)"
                    : $"; it runs {(hook.Phase == HookPhase.BeforeWorkloads ? "before" : "after")} the workloads for its other events";
                yield return new Violation(rendered, $"{Hook.Annotation}: StackGen does not honour {string.Join(", ", ignored)}{effect}");
            }

            if (hook.InvalidWeight is { } weight)
            {
                yield return new Violation(rendered, $"{Hook.WeightAnnotation} \"{weight}\" is not an integer; it counts as 0");
            }
        }
    }
}
