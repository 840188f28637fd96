using StackGen.Diagnostics;
using StackGen.Layering;
using StackGen.Parallelism;
using StackGen.Rendering;
using StackGen.Stacks;
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
        new HooksHonoured(),
        new ReplicasSpreadAndProtected(),
        new ResourcesSet(),
        new BackupsBounded(),
        new SecretLiterals(),
        new ProbesPresent(),
        new PinnedImages(),
        new SingleWriter(),
        new ChartValuesChecked(),
    ];

    /// <summary>
    /// Every rule that can run on these stacks: the engine's general rules, then the rules the stacks declare about
    /// their own domain (<see cref="IStack.Rules"/>; a rule two stacks share counts once), in ID order.
    /// </summary>
    public static IReadOnlyList<Rule> RulesFor(IEnumerable<IStack> stacks) =>
        [.. Rules.Concat(stacks.SelectMany(s => s.Rules)).DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static Rule? Find(IEnumerable<Rule> rules, string id) => rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    public static LintReport Run(RenderResult result)
    {
        var environment = result.Environment;
        var (policy, suppressionLocations) = (environment.Lint.Policy, environment.Lint.SuppressionLocations);
        var rules = RulesFor(environment.Stacks.Select(s => s.Stack));
        var context = new LintContext(result, policy.External, policy.ExternalKinds);
        var findings = new List<Finding>();
        var meta = Find(Rules, "SG0001")!;
        for (var i = 0; i < policy.Suppress.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(policy.Suppress[i].Reason))
            {
                findings.Add(new Finding(meta, Severity.Error, "", "environment", $"lint.suppress entry for {policy.Suppress[i].Rule} has no reason", suppressionLocations[i], null));
            }
        }

        // Rules are independent; their findings are concatenated in rule order, as if they had run one by one.
        foreach (var ruleFindings in InOrder.Map(rules, rule => Check(rule, context, policy, suppressionLocations), context.Objects.Count))
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
}
