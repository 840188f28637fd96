using StackGen.Workloads;

namespace StackGen.Validation.Rules;

/// <summary>SG1009: ConfigMaps, Secrets, PVCs and ServiceAccounts a pod uses are in the render or declared external.</summary>
public sealed class PodReferencesExist : Rule
{
    public override string Id => "SG1009";

    public override string Title => "What a pod refers to exists: in the render, or declared external";

    public override string Explanation =>
        "A pod that mounts or reads a ConfigMap, Secret or PersistentVolumeClaim that does not exist is created but never " +
        "starts (CreateContainerConfigError, or stuck ContainerCreating); a missing ServiceAccount stops the pod from being " +
        "created at all. Secrets named by SecretRef settings are external by design (their values never pass through " +
        "StackGen); anything else created outside the render must be listed under lint.external in the environment file.";

    public override string Fix => "Render the object, fix the name, or add \"Kind/name\" to lint.external in the environment file.";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            // An optional reference may be missing: the kubelet starts the pod without it.
            foreach (var (kind, name) in PodReferences.Of(workload.Pod).Where(r => !r.Optional).Select(r => (r.Kind, r.Name)).Distinct())
            {
                if (!context.Exists(kind, name))
                {
                    yield return new Violation(workload.Rendered, $"uses {kind} '{name}', which is neither in the render nor declared external");
                }
            }
        }
    }
}
