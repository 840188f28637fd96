using StackGen.Binding;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Validation.Schemas;

namespace StackGen.Validation;

/// <summary>
/// The `lint:` section of an environment file, bound while the environment loads (like `target:` and `stacks:`), with
/// where each suppression was written, so findings suppressed by it can point there.
/// </summary>
public sealed record EnvironmentLint(LintPolicy Policy, IReadOnlyList<SourceLocation> SuppressionLocations)
{
    public static EnvironmentLint None { get; } = new(new LintPolicy(), []);

    /// <summary>
    /// Binds the section strictly (unknown keys with a did-you-mean, wrong types, at their file:line:column) and checks
    /// that every rule it names is one of <paramref name="rules"/>. Problems go to <paramref name="errors"/>.
    /// </summary>
    public static EnvironmentLint Bind(SettingNode? node, IReadOnlyList<Rule> rules, ErrorList errors)
    {
        if (node is null)
        {
            return None;
        }

        if (node is not MappingNode section)
        {
            errors.Add(node.Location, $"lint: expected a mapping with severity, suppress, external and externalKinds, got {node.Describe()}");
            return None;
        }

        var bindErrors = new ErrorList();
        var policy = (LintPolicy)SettingsBinder.Bind(typeof(LintPolicy), section, "lint", bindErrors).Value;
        errors.AddRange(bindErrors);
        if (bindErrors.Any)
        {
            return None;
        }

        var ids = rules.Select(r => r.Id).ToArray();
        var locations = new List<SourceLocation>();
        var suppressNode = section["suppress"] as SequenceNode;
        for (var i = 0; i < policy.Suppress.Count; i++)
        {
            var item = suppressNode!.Items[i];
            locations.Add(item.Location);
            if (Linter.Find(rules, policy.Suppress[i].Rule) is null)
            {
                errors.Add((item as MappingNode)?["rule"]?.Location ?? item.Location, $"lint.suppress[{i}].rule: unknown rule '{policy.Suppress[i].Rule}'{Suggestions.DidYouMean(policy.Suppress[i].Rule, ids)} (see `stackgen lint --explain`)");
            }
        }

        foreach (var entry in (section["severity"] as MappingNode)?.Entries ?? [])
        {
            if (Linter.Find(rules, entry.Key) is null)
            {
                errors.Add(entry.KeyLocation, $"lint.severity.{entry.Key}: unknown rule '{entry.Key}'{Suggestions.DidYouMean(entry.Key, ids)}");
            }
        }

        var kindsNode = section["externalKinds"] as SequenceNode;
        for (var i = 0; i < policy.ExternalKinds.Count; i++)
        {
            var declared = policy.ExternalKinds[i];
            var slash = declared.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == declared.Length - 1 || declared.IndexOf('/', slash + 1) >= 0)
            {
                errors.Add(kindsNode!.Items[i].Location, $"lint.externalKinds[{i}]: expected API group/Kind such as cert-manager.io/Certificate (or group/* for every kind of the group), got '{declared}'");
            }
            else if (KubernetesGroups.IsBuiltIn(declared[..slash]))
            {
                errors.Add(kindsNode!.Items[i].Location, $"lint.externalKinds[{i}]: '{declared[..slash]}' is a built-in Kubernetes API group; expected the group of a custom resource (objects themselves go in lint.external as Kind/name)");
            }
        }

        return new EnvironmentLint(policy, locations);
    }
}
