using System.Text.RegularExpressions;
using k8s.Models;

namespace StackGen.Validation.Rules;

/// <summary>SG2005: no secret-looking literal in env values, command lines or ConfigMaps.</summary>
public sealed partial class SecretLiterals : Rule
{
    public override string Id => "SG2005";

    public override string Title => "No secret-looking literals in env values, commands or ConfigMaps";

    public override string Explanation =>
        "The write-up baked RABBITMQ_ERLANG_COOKIE=changeThis, S3 keys and replication passwords into images, config " +
        "files and plain env values, where anyone who can read a Deployment or a ConfigMap (or the Git history of the " +
        "rendered manifests) can read them. Secrets belong in Kubernetes Secrets and reach containers through " +
        "secretKeyRef env vars or Secret volumes; StackGen settings only ever hold SecretRefs. This rule flags env vars " +
        "named like secrets with a literal value, --password=... style arguments, URLs with an inline password, and " +
        "password/secret/token/key entries in ConfigMap files. $(VAR) references are fine.";

    public override string Fix => "Move the value into a Secret and reference it (a SecretRef setting, Env.FromSecret in the stack).";

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.Value is { Length: > 0 } value && (SecretName().IsMatch(variable.Name) && !IsReference(value) || HasInlineCredentials(value)))
                    {
                        yield return new Violation(workload.Rendered, $"container {container.Name}: env {variable.Name} holds a literal secret");
                    }
                }

                foreach (var argument in (container.Command ?? []).Concat(container.Args ?? []))
                {
                    if (SecretArgument().Match(argument) is { Success: true } match && !IsReference(match.Groups["value"].Value) || HasInlineCredentials(argument))
                    {
                        yield return new Violation(workload.Rendered, $"container {container.Name}: an argument holds a literal secret");
                    }
                }
            }
        }

        foreach (var (rendered, configMap) in context.OfType<V1ConfigMap>())
        {
            foreach (var (key, text) in configMap.Data ?? new Dictionary<string, string>())
            {
                foreach (Match match in SecretAssignment().Matches(text))
                {
                    if (!IsReference(match.Groups["value"].Value))
                    {
                        yield return new Violation(rendered, $"{key} line {LineOf(text, match.Index)} assigns a literal to '{match.Groups["key"].Value}'");
                    }
                }

                if (HasInlineCredentials(text))
                {
                    yield return new Violation(rendered, $"{key} contains a URL with an inline password");
                }
            }
        }
    }

    private static bool IsReference(string value) => value.Length == 0 || Reference().IsMatch(value);

    // Every match contains "://"; looking for it first skips the Regex for almost every value (ConfigMap files included).
    private static bool HasInlineCredentials(string text) =>
        text.Contains("://", StringComparison.Ordinal) && CredentialUrl().Matches(text).Any(m => !Reference().IsMatch(m.Groups["password"].Value));

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(PASSWORD|PASSWD|PASS$|SECRET|TOKEN|COOKIE|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^--?(password|passwd|secret|token|api-?key|access-key|cookie)[=:](?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretArgument();

    [GeneratedRegex(@"^\s*""?(?<key>[\w.-]*(password|passwd|pass(?![a-z])|secret|token|api_key|access_key|private_key|cookie)[\w.-]*)""?\s*[:=]\s*""?(?<value>[^""\s,]*)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]+:(?<password>[^@\s]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialUrl();

    // $(VAR) (kubelet expansion), ${VAR} or $VAR (shell / app expansion): the value is looked up at run time.
    [GeneratedRegex(@"^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
