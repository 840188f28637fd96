using k8s.Models;
using StackGen.Stacks;

namespace StackGen.Building;

/// <summary>
/// Run-to-completion Jobs whose name follows their content. A Job's pod template is immutable: a changed Job applied
/// under its old name is refused ("field is immutable"). A Job from <see cref="RunOnce"/> is named NAME-HASH by the
/// renderer (<see cref="Rendering.ContentNames"/>), HASH covering its whole spec once labels and config checksums are in,
/// so any change is a new Job with a new name and an unchanged one keeps its name (and is not run again). Apply keeps
/// the last runs of NAME for their logs and prunes older ones (see README, "Migrations and Jobs").
/// </summary>
public static class Jobs
{
    /// <summary>The Job's name before its content hash: the runs of one Job share it, which is how apply finds earlier runs.</summary>
    public const string RunsOfAnnotation = "stackgen.io/runs-of";

    /// <summary>
    /// A Job named NAME-HASH that runs <paramref name="pod"/> once (restartPolicy Never), retried <paramref name="backoffLimit"/>
    /// times within <paramref name="deadline"/>. No ttlSecondsAfterFinished: a Job the cluster deleted would be applied,
    /// and so run, again.
    /// </summary>
    public static V1Job RunOnce(StackContext context, string name, string component, V1PodSpec pod, int backoffLimit, TimeSpan deadline)
    {
        var metadata = context.Metadata(name, component);
        metadata.Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [RunsOfAnnotation] = name };
        return new V1Job
        {
            Metadata = metadata,
            Spec = new V1JobSpec
            {
                BackoffLimit = backoffLimit,
                ActiveDeadlineSeconds = (long)deadline.TotalSeconds,
                Template = Pods.Template(context, component, pod with { RestartPolicy = "Never" }),
            },
        };
    }
}
