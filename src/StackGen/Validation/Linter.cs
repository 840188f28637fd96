using StackGen.Binding;
using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Parallelism;
using StackGen.Rendering;
using StackGen.Validation.Rules;
using StackGen.Validation.Schemas;

namespace StackGen.Validation;

/// <summary>
/// Runs every rule over a render, applies the environment's severities and suppressions, and locates each
/// finding at the setting behind it (file:line:column from provenance) or at the stack's declaration.
/// </summary>
public static class Linter
{
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new SuppressionsHaveReasons(),
        new ObjectNames(),
        new LabelSyntax(),
        new SelectorMatchesTemplate(),
        new ContainerAndPortNames(),
        new NamedPortsExist(),
        new Quantities(),
        new StatefulSetHeadlessService(),
        new SelectorsSelectPods(),
        new PodReferencesExist(),
        new AutoscalerTargets(),
        new RequiredFields(),
        new CurrentApis(),
        new CustomResourceSchemas(),
        new CustomResourceDefinitionsKnown(),
        new RabbitMqPartitionHandling(),
        new OddQuorumSize(),
        new ReplicasSpreadAndProtected(),
        new ResourcesSet(),
        new BackupsBounded(),
        new SecretLiterals(),
        new ProbesPresent(),
        new PinnedImages(),
        new SingleWriter(),
    ];

    public static Rule? Find(string id) => Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    public static LintReport Run(RenderResult result)
    {
        var environment = result.Environment;
        var (policy, suppressionLocations) = BindPolicy(environment);
        var context = new LintContext(result, policy.External, policy.ExternalKinds);
        var findings = new List<Finding>();
        var meta = Find("SG0001")!;
        for (var i = 0; i < policy.Suppress.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(policy.Suppress[i].Reason))
            {
                findings.Add(new Finding(meta, Severity.Error, "", "environment", $"lint.suppress entry for {policy.Suppress[i].Rule} has no reason", suppressionLocations[i], null));
            }
        }

        // Rules are independent; their findings are concatenated in rule order, as if they had run one by one.
        foreach (var ruleFindings in InOrder.Map(Rules, rule => Check(rule, context, policy, suppressionLocations), context.Objects.Count))
        {
            findings.AddRange(ruleFindings);
        }

        var order = result.StackOrder.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        return new LintReport(environment, [.. findings
            .OrderBy(f => f.Stack.Length == 0 ? -1 : order.GetValueOrDefault(f.Stack, int.MaxValue))
            .ThenBy(f => f.ObjectId, StringComparer.Ordinal)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)]);
    }

    private static List<Finding> Check(Rule rule, LintContext context, LintPolicy policy, IReadOnlyList<SourceLocation> suppressionLocations)
    {
        var environment = context.Environment;
        var findings = new List<Finding>();
        var severity = policy.Severity.TryGetValue(rule.Id, out var configured) ? configured : rule.SeverityFor(environment.Tier);
        if (severity == Severity.Off)
        {
            return findings;
        }

        foreach (var violation in rule.Check(context))
        {
            var stack = violation.Rendered.Stack;
            var finding = new Finding(rule, severity, stack, violation.Rendered.Id, violation.Message, Locate(environment, stack, violation.Setting), violation.Setting);
            findings.Add(Suppress(finding, violation.Rendered, policy, suppressionLocations));
        }

        return findings;
    }

    private static Finding Suppress(Finding finding, RenderedObject rendered, LintPolicy policy, IReadOnlyList<SourceLocation> locations)
    {
        if (rendered.Resource.Metadata.Annotations?.TryGetValue(SuppressionsHaveReasons.AnnotationPrefix + finding.Rule.Id, out var reason) == true
            && !string.IsNullOrWhiteSpace(reason))
        {
            return finding with { SuppressedBecause = reason, SuppressedAt = SourceLocation.Flag($"annotation on {rendered.Id}") };
        }

        for (var i = 0; i < policy.Suppress.Count; i++)
        {
            var entry = policy.Suppress[i];
            if (string.Equals(entry.Rule, finding.Rule.Id, StringComparison.OrdinalIgnoreCase)
                && (entry.Stack is null || entry.Stack == finding.Stack)
                && (entry.Resource is null || entry.Resource == finding.ObjectId)
                && !string.IsNullOrWhiteSpace(entry.Reason))
            {
                return finding with { SuppressedBecause = entry.Reason, SuppressedAt = locations[i] };
            }
        }

        return finding;
    }

    /// <summary>Where a user changes what a finding is about: the setting's layer, or the stack's entry in the environment file.</summary>
    private static SourceLocation Locate(EnvironmentConfig environment, string stack, string? setting)
    {
        var layers = environment.Find(stack);
        if (layers is null)
        {
            return SourceLocation.Flag($"environments/{environment.Name}.yaml");
        }

        if (setting is not null)
        {
            var prefix = $"{stack}.{setting}";
            var values = layers.Settings.Values.Where(v => v.Path == prefix || v.Path.StartsWith(prefix + ".", StringComparison.Ordinal));
            if (values.FirstOrDefault(v => !v.Source.IsCodeDefault) is { } set)
            {
                return set.Source;
            }
        }

        return layers.Declared;
    }

    private static (LintPolicy Policy, IReadOnlyList<SourceLocation> SuppressionLocations) BindPolicy(EnvironmentConfig environment)
    {
        var errors = new ErrorList();
        var policy = (LintPolicy)SettingsBinder.Bind(typeof(LintPolicy), environment.Lint, "lint", errors).Value;
        errors.ThrowIfAny();
        var ids = Rules.Select(r => r.Id).ToArray();
        var locations = new List<SourceLocation>();
        var suppressNode = environment.Lint?["suppress"] as SequenceNode;
        for (var i = 0; i < policy.Suppress.Count; i++)
        {
            var node = suppressNode!.Items[i];
            locations.Add(node.Location);
            if (Find(policy.Suppress[i].Rule) is null)
            {
                errors.Add((node as MappingNode)?["rule"]?.Location ?? node.Location, $"lint.suppress[{i}].rule: unknown rule '{policy.Suppress[i].Rule}'{Suggestions.DidYouMean(policy.Suppress[i].Rule, ids)} (see `stackgen lint --explain`)");
            }
        }

        foreach (var entry in (environment.Lint?["severity"] as MappingNode)?.Entries ?? [])
        {
            if (Find(entry.Key) is null)
            {
                errors.Add(entry.KeyLocation, $"lint.severity.{entry.Key}: unknown rule '{entry.Key}'{Suggestions.DidYouMean(entry.Key, ids)}");
            }
        }

        var kindsNode = environment.Lint?["externalKinds"] as SequenceNode;
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

        errors.ThrowIfAny();
        return (policy, locations);
    }
}
